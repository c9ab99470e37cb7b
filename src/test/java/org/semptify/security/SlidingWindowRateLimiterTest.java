package org.semptify.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.semptify.testing.MutableClock;

class SlidingWindowRateLimiterTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void allowsMaxPerWindowThenDeniesUntilTheOldestLeavesTheWindow() {
    SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(3, 60_000, clock);
    assertThat(limiter.tryAcquire("k")).isTrue(); // t=0
    clock.advance(Duration.ofSeconds(10));
    assertThat(limiter.tryAcquire("k")).isTrue(); // t=10
    assertThat(limiter.tryAcquire("k")).isTrue(); // t=10
    assertThat(limiter.tryAcquire("k")).isFalse();
    clock.advance(Duration.ofMillis(49_999)); // t=59.999: the first is still inside
    assertThat(limiter.tryAcquire("k")).isFalse();
    clock.advance(Duration.ofMillis(1)); // t=60: the first has left
    assertThat(limiter.tryAcquire("k")).isTrue();
    assertThat(limiter.tryAcquire("k")).isFalse(); // the two from t=10 are still inside
    clock.advance(Duration.ofSeconds(10)); // t=70
    assertThat(limiter.tryAcquire("k")).isTrue();
    assertThat(limiter.tryAcquire("k")).isTrue();
    assertThat(limiter.tryAcquire("k")).isFalse();
  }

  @Test
  void keysAreIndependent() {
    SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(1, 60_000, clock);
    assertThat(limiter.tryAcquire("1.1.1.1 /admin")).isTrue();
    assertThat(limiter.tryAcquire("1.1.1.1 /admin")).isFalse();
    assertThat(limiter.tryAcquire("2.2.2.2 /admin")).isTrue();
    assertThat(limiter.tryAcquire("1.1.1.1 /admin/status")).isTrue();
  }

  @Test
  void zeroOrNegativeMaxDisables() {
    SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(0, 60_000, clock);
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.tryAcquire("k")).isTrue();
    }
    assertThat(limiter.trackedKeys()).isZero();
  }

  @Test
  void aFloodFromManyAddressesIsForgottenOnceTheWindowPasses() {
    SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(5, 60_000, clock);
    for (int i = 0; i < 100_000; i++) {
      limiter.tryAcquire("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255) + " /admin");
    }
    assertThat(limiter.trackedKeys()).isEqualTo(100_000);
    clock.advance(Duration.ofSeconds(61));
    limiter.tryAcquire("192.0.2.1 /admin");
    assertThat(limiter.trackedKeys()).isEqualTo(1);
  }

  /**
   * The sweep runs on whichever request thread finds it due. An attempt whose window the sweep
   * drops between the attempt's lookup and its record is recorded in a window nobody sees again, so
   * the key gets a second allowance in the same instant. Two threads attempt every key once per
   * window while one of them sweeps: each key must be allowed exactly once per window.
   */
  @Test
  void theSweepNeverLosesAnAttemptRecordedConcurrently() throws Exception {
    int keys = 2_000;
    SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(1, 1_000, clock);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      long deadline = System.nanoTime() + 3_000_000_000L;
      for (int round = 0; round < 1_500 && System.nanoTime() < deadline; round++) {
        clock.advance(Duration.ofMillis(1_000)); // every window idle, the sweep due
        AtomicIntegerArray allowed = new AtomicIntegerArray(keys);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          boolean reverse = t == 1;
          workers.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < keys; i++) {
                      int key = reverse ? keys - 1 - i : i;
                      if (limiter.tryAcquire("k" + key)) {
                        allowed.incrementAndGet(key);
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> worker : workers) {
          worker.get(10, TimeUnit.SECONDS);
        }
        for (int key = 0; key < keys; key++) {
          assertThat(allowed.get(key)).as("round %d, key %d", round, key).isEqualTo(1);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

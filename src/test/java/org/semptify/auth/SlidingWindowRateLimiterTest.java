package org.semptify.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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
}

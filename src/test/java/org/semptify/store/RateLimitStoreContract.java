package org.semptify.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semptify.store.ContractSupport.runTogether;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.semptify.testing.MutableClock;

/**
 * What every {@link RateLimitStore} must do. A subclass per implementation makes a store for one
 * limit, on fresh storage, reading time from the given clock.
 */
public abstract class RateLimitStoreContract {
  protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  /** A store allowing {@code max} attempts per key in any {@code windowMillis}. */
  protected abstract RateLimitStore create(int max, long windowMillis, Clock clock)
      throws Exception;

  @Test
  void allowsMaxPerWindowThenDeniesUntilTheOldestLeavesIt() throws Exception {
    RateLimitStore store = create(2, 60_000, clock);
    assertThat(store.tryAcquire("k")).isTrue(); // t=0
    clock.advance(Duration.ofSeconds(30));
    assertThat(store.exhausted("k")).isFalse();
    assertThat(store.tryAcquire("k")).isTrue(); // t=30
    assertThat(store.exhausted("k")).isTrue();
    assertThat(store.tryAcquire("k")).isFalse(); // denied attempts are not recorded
    clock.advance(Duration.ofMillis(29_999));
    assertThat(store.tryAcquire("k")).isFalse();
    clock.advance(Duration.ofMillis(1)); // t=60: the first has left the window
    assertThat(store.exhausted("k")).isFalse();
    assertThat(store.tryAcquire("k")).isTrue();
    assertThat(store.tryAcquire("k")).isFalse();
  }

  @Test
  void keysAreCountedApartAndExhaustedRecordsNothing() throws Exception {
    RateLimitStore store = create(1, 60_000, clock);
    for (int i = 0; i < 5; i++) {
      assertThat(store.exhausted("a")).isFalse();
    }
    assertThat(store.tryAcquire("a")).isTrue();
    assertThat(store.tryAcquire("a")).isFalse();
    assertThat(store.tryAcquire("b")).isTrue();
    assertThat(store.exhausted("a")).isTrue();
    assertThat(store.exhausted("c")).isFalse();
  }

  @Test
  void aLimitOfZeroOrLessAllowsEverything() throws Exception {
    RateLimitStore store = create(0, 60_000, clock);
    for (int i = 0; i < 10; i++) {
      assertThat(store.tryAcquire("k")).isTrue();
    }
    assertThat(store.exhausted("k")).isFalse();
  }

  @Test
  void ofConcurrentAttemptsExactlyTheWindowsRoomIsAllowed() throws Exception {
    RateLimitStore store = create(5, 60_000, clock);
    List<Callable<Boolean>> attempts = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      attempts.add(() -> store.tryAcquire("k"));
    }
    assertThat(runTogether(attempts).stream().filter(allowed -> allowed)).hasSize(5);
  }
}

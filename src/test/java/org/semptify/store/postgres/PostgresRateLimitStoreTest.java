package org.semptify.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semptify.store.ContractSupport.runTogether;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.semptify.store.RateLimitStore;
import org.semptify.store.RateLimitStoreContract;

/** Table {@code rate_limit_hits} passes the rate-limit contract and is one limit for all nodes. */
class PostgresRateLimitStoreTest extends RateLimitStoreContract {
  private TestDatabase database;

  @Override
  protected RateLimitStore create(int max, long windowMillis, Clock clock) {
    if (database == null) {
      database = TestDatabase.fresh();
    }
    return database.storage().rateLimit("admin", max, windowMillis, clock);
  }

  @AfterEach
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }

  @Test
  void attemptsSplitOverTwoNodesShareOneWindowAndLimitsStayApart() throws Exception {
    RateLimitStore nodeA = create(5, 60_000, clock);
    RateLimitStore nodeB = database.storage().rateLimit("admin", 5, 60_000, clock);
    RateLimitStore otherLimit = database.storage().rateLimit("register", 5, 60_000, clock);
    List<Callable<Boolean>> attempts = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      RateLimitStore node = i % 2 == 0 ? nodeA : nodeB;
      attempts.add(() -> node.tryAcquire("10.0.0.1"));
    }
    assertThat(runTogether(attempts).stream().filter(allowed -> allowed)).hasSize(5);
    assertThat(nodeA.exhausted("10.0.0.1")).isTrue();
    assertThat(nodeB.exhausted("10.0.0.1")).isTrue();
    assertThat(otherLimit.tryAcquire("10.0.0.1")).isTrue();
  }

  @Test
  void aKeyWithNothingCountedIsCheckedOnceAndALocalAttemptCountsAtOnce() {
    CountingDataSource counted = new CountingDataSource();
    create(2, 60_000, clock); // the database
    RateLimitStore store = database.storage(counted::wrap).rateLimit("auth_fail", 2, 60_000, clock);

    for (int i = 0; i < 10; i++) {
      assertThat(store.exhausted("10.0.3.1")).isFalse();
    }
    assertThat(counted.statements.get()).isLessThanOrEqualTo(2); // once, or twice if slow

    assertThat(store.tryAcquire("10.0.3.1")).isTrue();
    assertThat(store.exhausted("10.0.3.1")).isFalse();
    assertThat(store.tryAcquire("10.0.3.1")).isTrue();
    assertThat(store.exhausted("10.0.3.1")).isTrue();
    assertThat(store.tryAcquire("10.0.3.1")).isFalse();
  }

  @Test
  void attemptsCountedOnAnotherNodeAreSeenHereWithinOneSecond() throws Exception {
    RateLimitStore here = create(3, 60_000, clock);
    RateLimitStore there = database.storage().rateLimit("admin", 3, 60_000, clock);
    assertThat(here.exhausted("10.0.4.1")).isFalse(); // now remembered as quiet

    long counted = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      assertThat(there.tryAcquire("10.0.4.1")).isTrue();
    }
    while (!here.exhausted("10.0.4.1")) {
      assertThat(System.nanoTime() - counted).isLessThan(1_000_000_000L);
      Thread.sleep(10);
    }
    assertThat(here.tryAcquire("10.0.4.1")).isFalse();
  }
}

package org.semptify.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.semptify.crypto.Tokens;
import org.semptify.store.UserAccount;
import org.semptify.store.UserRepository;
import org.semptify.store.UserRepositoryContract;

/**
 * Table {@code user} on a real PostgreSQL passes the UserRepository contract; a registration is one
 * row insert, a bulk import batched inserts in one transaction, and repeated lookups of one account
 * within {@link PostgresUserRepository#CACHE_MILLIS} cost one query, without a change on another
 * node taking longer than a second to be seen.
 */
class PostgresUserRepositoryTest extends UserRepositoryContract {
  private TestDatabase database;

  @Override
  protected UserRepository create() {
    database = TestDatabase.fresh();
    return database.storage().users(null);
  }

  @Override
  protected UserRepository another() {
    return database.storage().users(null);
  }

  @AfterEach
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }

  private static UserAccount user(String id) {
    return new UserAccount(
        id,
        Tokens.hash("token of " + id),
        1_700_000_000L,
        true,
        null,
        "c2FsdA==",
        "d3JhcHBlZA==",
        0,
        Map.of());
  }

  @Test
  void aRegistrationIsOneRowInsertAndNoTransaction() {
    CountingDataSource counted = new CountingDataSource();
    UserRepository users = database.storage(counted::wrap).users(null);

    users.addAll(List.of(user("u_one")));

    assertThat(counted.statements).hasValue(1);
    assertThat(counted.commits).hasValue(0);
    assertThat(another().findById("u_one")).isPresent();
  }

  @Test
  void manyAccountsGoInBatchesInOneTransactionAndAnExistingIdAddsNoneOfThem() {
    CountingDataSource counted = new CountingDataSource();
    UserRepository users = database.storage(counted::wrap).users(null);
    List<UserAccount> many = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      many.add(user("u_bulk" + i));
    }

    users.addAll(many);

    assertThat(counted.statements).hasValue(3); // batches of 1,000, 1,000 and 500
    assertThat(counted.commits).hasValue(1);
    assertThat(another().list()).hasSize(2_500);
    assertThat(another().list().get(2_499).id()).isEqualTo("u_bulk2499");

    List<UserAccount> again = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      again.add(user("u_new" + i));
    }
    again.add(user("u_bulk7"));
    assertThatThrownBy(() -> users.addAll(again))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("user id 'u_bulk7' exists already");
    assertThat(another().list()).hasSize(2_500);
    assertThatThrownBy(() -> users.addAll(List.of(user("u_bulk9"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("user id 'u_bulk9' exists already");
  }

  @Test
  void repeatedLookupsOfOneAccountCostOneQueryAndALocalChangeIsSeenAtOnce() {
    CountingDataSource counted = new CountingDataSource();
    UserRepository users = database.storage(counted::wrap).users(null);
    UserAccount a = user("u_a");
    users.addAll(List.of(a));
    counted.statements.set(0);

    for (int i = 0; i < 5; i++) {
      assertThat(users.findByHash(a.hash())).isPresent();
      assertThat(users.findById("u_a")).isPresent();
    }
    assertThat(counted.statements.get()).isLessThanOrEqualTo(4); // once each, or twice if slow

    users.update("u_a", UserAccount::reEnabled);
    users.update("u_a", u -> u.disabled(1));
    assertThat(users.findByHash(a.hash()).orElseThrow().enabled()).isFalse();
    assertThat(users.findById("u_a").orElseThrow().enabled()).isFalse();
    users.delete("u_a");
    assertThat(users.findByHash(a.hash())).isEmpty();
    assertThat(users.findById("u_a")).isEmpty();
  }

  @Test
  void anAccountDisabledOnAnotherNodeIsRefusedHereWithinOneSecond() throws Exception {
    UserRepository here = repository();
    UserAccount a = user("u_a");
    here.addAll(List.of(a));
    assertThat(here.findByHash(a.hash()).orElseThrow().enabled()).isTrue(); // now remembered

    long disabled = System.nanoTime();
    another().update("u_a", u -> u.disabled(1));
    while (here.findByHash(a.hash()).orElseThrow().enabled()) {
      assertThat(System.nanoTime() - disabled).isLessThan(1_000_000_000L);
      Thread.sleep(10);
    }
    UserAccount b = user("u_b");
    assertThat(here.findByHash(b.hash())).isEmpty();
    another().addAll(List.of(b));
    assertThat(here.findByHash(b.hash())).isPresent(); // an absence is never remembered
  }
}

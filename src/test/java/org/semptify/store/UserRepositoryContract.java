package org.semptify.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.semptify.store.ContractSupport.eventually;
import static org.semptify.store.ContractSupport.runTogether;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.semptify.crypto.Tokens;

/**
 * What every {@link UserRepository} must do, whatever it stores accounts in. A subclass per
 * implementation supplies fresh, empty storage and a second handle on it (another process: the
 * command line while the server runs).
 */
public abstract class UserRepositoryContract {
  private UserRepository repository;

  /** A repository on fresh, empty storage; called once per test. */
  protected abstract UserRepository create() throws Exception;

  /** A second, independent repository on the storage {@link #create()} made last. */
  protected abstract UserRepository another() throws Exception;

  @BeforeEach
  void createRepository() throws Exception {
    repository = create();
  }

  @AfterEach
  void settle() {
    repository = null;
  }

  protected UserRepository repository() {
    return repository;
  }

  protected static UserAccount account(String id) {
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

  private static UserAccount withCreated(UserAccount u, long createdTs) {
    return new UserAccount(
        u.id(),
        u.hash(),
        createdTs,
        u.enabled(),
        u.expiresTs(),
        u.salt(),
        u.wrappedKey(),
        u.sessionsEndedMs(),
        u.extras());
  }

  private static UserAccount withEnabled(UserAccount u, boolean enabled) {
    return new UserAccount(
        u.id(),
        u.hash(),
        u.createdTs(),
        enabled,
        u.expiresTs(),
        u.salt(),
        u.wrappedKey(),
        u.sessionsEndedMs(),
        u.extras());
  }

  @Test
  void anEmptyStoreHoldsNothingAndIsUsable() {
    assertThat(repository.list()).isEmpty();
    assertThat(repository.findById("u_nobody")).isEmpty();
    assertThat(repository.findByHash(Tokens.hash("nobody"))).isEmpty();
    assertThat(repository.problem()).isNull();
    assertThat(repository.check().ok()).isTrue();
  }

  @Test
  void addedAccountsAreFoundByHashAndByIdAndListedInOrder() {
    UserAccount a = account("u_a");
    UserAccount b = account("u_b");
    repository.addAll(List.of(a, b));
    repository.addAll(List.of(account("u_c")));

    assertThat(repository.findByHash(a.hash())).hasValue(a);
    assertThat(repository.findById("u_b")).hasValue(b);
    assertThat(repository.list()).extracting(UserAccount::id).containsExactly("u_a", "u_b", "u_c");
  }

  @Test
  void everyFieldSurvivesTheRoundTripIncludingOnesItDoesNotInterpret() throws Exception {
    UserAccount full =
        new UserAccount(
            "u_full",
            Tokens.hash("full"),
            1_700_000_123L,
            false,
            1_800_000_000L,
            "c2FsdA==",
            "d3JhcHBlZA==",
            1_700_000_200_456L,
            Map.of("note", TextNode.valueOf("moved out")));
    repository.addAll(List.of(full));
    assertThat(another().findById("u_full")).hasValue(full);
  }

  @Test
  void anExistingIdIsRefusedAndNothingOfTheBatchIsAdded() {
    repository.addAll(List.of(account("u_a")));
    assertThatThrownBy(() -> repository.addAll(List.of(account("u_b"), account("u_a"))))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> repository.addAll(List.of(account("u_c"), account("u_c"))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(repository.list()).extracting(UserAccount::id).containsExactly("u_a");
  }

  @Test
  void updateAppliesTheChangeToTheCurrentValue() {
    repository.addAll(List.of(account("u_a"), account("u_b")));
    UserAccount stored = repository.update("u_b", u -> withEnabled(u, false));
    assertThat(stored.enabled()).isFalse();
    assertThat(repository.findById("u_b")).hasValue(stored);
    assertThat(repository.findByHash(stored.hash())).hasValue(stored);
    assertThat(repository.findById("u_a").orElseThrow().enabled()).isTrue();
  }

  @Test
  void aChangedHashFindsTheAccountAndTheOldOneNoLonger() {
    UserAccount a = account("u_a");
    repository.addAll(List.of(a));
    String newHash = Tokens.hash("new token");
    repository.update(
        "u_a",
        u ->
            new UserAccount(
                u.id(), newHash, u.createdTs(), true, null, "bmV3", "bmV3", 0, u.extras()));
    assertThat(repository.findByHash(a.hash())).isEmpty();
    assertThat(repository.findByHash(newHash).map(UserAccount::id)).hasValue("u_a");
  }

  @Test
  void updatingAnUnknownIdFails() {
    assertThatThrownBy(() -> repository.update("u_none", u -> u))
        .isInstanceOf(UnknownEntryException.class);
  }

  @Test
  void changesMadeElsewhereAreSeenWithinTwoSeconds() throws Exception {
    repository.addAll(List.of(account("u_a")));
    assertThat(repository.findById("u_a")).isPresent(); // this instance has read the store
    UserRepository elsewhere = another();
    elsewhere.addAll(List.of(account("u_b")));
    elsewhere.update("u_a", u -> withEnabled(u, false));

    eventually(() -> repository.findById("u_b").isPresent());
    eventually(() -> !repository.findById("u_a").orElseThrow().enabled());
    eventually(() -> repository.list().size() == 2);
  }

  @Test
  void concurrentChangesFromTwoHandlesAreAllKept() throws Exception {
    repository.addAll(List.of(account("u_counter")));
    UserRepository elsewhere = another();
    int threads = 4;
    int rounds = 10;
    List<Callable<Void>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      UserRepository handle = t % 2 == 0 ? repository : elsewhere;
      int thread = t;
      work.add(
          () -> {
            for (int i = 0; i < rounds; i++) {
              // a read-modify-write: a lost update shows as a missing increment
              handle.update("u_counter", u -> withCreated(u, u.createdTs() + 1));
              handle.addAll(List.of(account("u_t" + thread + "_" + i)));
            }
            return null;
          });
    }
    runTogether(work);

    assertThat(another().findById("u_counter").orElseThrow().createdTs())
        .isEqualTo(1_700_000_000L + threads * rounds);
    assertThat(another().list()).hasSize(1 + threads * rounds);
  }

  @Test
  void aDeletedAccountIsGoneEverywhereAndDeletingTwiceIsHarmless() throws Exception {
    UserAccount a = account("u_a");
    repository.addAll(List.of(a, account("u_b")));
    assertThat(repository.delete("u_a")).isTrue();
    assertThat(repository.findById("u_a")).isEmpty();
    assertThat(repository.findByHash(a.hash())).isEmpty();
    assertThat(repository.list()).extracting(UserAccount::id).containsExactly("u_b");
    assertThat(repository.delete("u_a")).isFalse();
    UserRepository elsewhere = another();
    ContractSupport.eventually(() -> elsewhere.findById("u_a").isEmpty());
  }

  @Test
  void accountsBeingDeletedAreFoundWhetherWrittenHereOrElsewhere() throws Exception {
    repository.addAll(List.of(account("u_a"), account("u_b"), account("u_c"), account("u_d")));
    assertThat(repository.beingDeleted()).isEmpty();
    repository.update("u_c", user -> user.withoutKey(1_700_000_000_000L));
    repository.update("u_a", user -> user.withoutKey(1_700_000_000_000L));

    assertThat(repository.beingDeleted()).extracting(UserAccount::id).containsExactly("u_a", "u_c");
    UserRepository elsewhere = another();
    assertThat(elsewhere.beingDeleted()).extracting(UserAccount::id).containsExactly("u_a", "u_c");

    repository.delete("u_a");
    ContractSupport.eventually(
        () ->
            elsewhere.beingDeleted().stream().map(UserAccount::id).toList().equals(List.of("u_c")));
    assertThat(repository.beingDeleted()).extracting(UserAccount::id).containsExactly("u_c");
  }
}

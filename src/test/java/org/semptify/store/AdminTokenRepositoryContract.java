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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.semptify.crypto.Tokens;

/**
 * What every {@link AdminTokenRepository} must do, whatever it stores tokens in. A subclass per
 * implementation supplies fresh, empty storage and a second handle on it (another process: the
 * command line while the server runs).
 */
public abstract class AdminTokenRepositoryContract {
  private static final long NOW = 1_700_000_000L;

  private AdminTokenRepository repository;

  /** A repository on fresh, empty storage; called once per test. */
  protected abstract AdminTokenRepository create() throws Exception;

  /** A second, independent repository on the storage {@link #create()} made last. */
  protected abstract AdminTokenRepository another() throws Exception;

  @BeforeEach
  void createRepository() throws Exception {
    repository = create();
  }

  protected AdminTokenRepository repository() {
    return repository;
  }

  protected static AdminToken token(String id) {
    return new AdminToken(
        id, Tokens.hash("value of " + id), NOW, true, false, null, null, false, 0, Map.of());
  }

  protected static AdminToken breakglass(String id, Long expiresTs) {
    return new AdminToken(
        id, Tokens.hash("value of " + id), NOW, true, true, expiresTs, null, false, 0, Map.of());
  }

  private static AdminToken withCreated(AdminToken t, long createdTs) {
    return new AdminToken(
        t.id(),
        t.hash(),
        createdTs,
        t.enabled(),
        t.breakglass(),
        t.expiresTs(),
        t.usedTs(),
        false,
        t.sessionsEndedMs(),
        t.extras());
  }

  private static AdminToken withEnabled(AdminToken t, boolean enabled) {
    return new AdminToken(
        t.id(),
        t.hash(),
        t.createdTs(),
        enabled,
        t.breakglass(),
        t.expiresTs(),
        t.usedTs(),
        false,
        t.sessionsEndedMs(),
        t.extras());
  }

  @Test
  void anEmptyStoreHoldsNothingAndIsUsable() {
    assertThat(repository.list()).isEmpty();
    assertThat(repository.findById("ops")).isEmpty();
    assertThat(repository.findByHash(Tokens.hash("anything"))).isEmpty();
    assertThat(repository.problem()).isNull();
    assertThat(repository.check().ok()).isTrue();
  }

  @Test
  void addedTokensAreFoundByHashAndByIdAndListedInOrder() {
    repository.add(token("ops"));
    repository.add(breakglass("glass", null));
    repository.add(token("ci"));
    assertThat(repository.findByHash(Tokens.hash("value of ops"))).hasValue(token("ops"));
    assertThat(repository.findById("glass")).hasValue(breakglass("glass", null));
    assertThat(repository.list()).extracting(AdminToken::id).containsExactly("ops", "glass", "ci");
  }

  @Test
  void everyFieldSurvivesTheRoundTripIncludingOnesItDoesNotInterpret() throws Exception {
    AdminToken full =
        new AdminToken(
            "full",
            Tokens.hash("full"),
            NOW,
            false,
            true,
            NOW + 86_400,
            NOW + 60,
            false,
            NOW * 1000 + 123,
            Map.of("note", TextNode.valueOf("laptop of the director")));
    repository.add(full);
    assertThat(another().findById("full")).hasValue(full);
  }

  @Test
  void theRoleSurvivesTheRoundTripAndABreakglassTokenIsAnOwner() throws Exception {
    repository.add(token("oncall").withRole(AdminRole.OPERATOR));
    repository.add(token("review").withRole(AdminRole.AUDITOR));
    repository.add(breakglass("glass", null));
    AdminTokenRepository other = another();
    assertThat(other.findById("oncall").orElseThrow().role()).isEqualTo(AdminRole.OPERATOR);
    assertThat(other.findById("review").orElseThrow().role()).isEqualTo(AdminRole.AUDITOR);
    assertThat(other.findById("glass").orElseThrow().role()).isEqualTo(AdminRole.OWNER);
    repository.update("review", t -> t.withRole(AdminRole.OWNER));
    assertThat(another().findById("review").orElseThrow().role()).isEqualTo(AdminRole.OWNER);
    assertThatThrownBy(() -> repository.update("glass", t -> t.withRole(AdminRole.AUDITOR)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(another().findById("glass").orElseThrow().role()).isEqualTo(AdminRole.OWNER);
  }

  @Test
  void anExistingIdIsRefused() {
    repository.add(token("ops"));
    AdminToken again = withEnabled(token("ops"), false);
    assertThatThrownBy(() -> repository.add(again)).isInstanceOf(DuplicateEntryException.class);
    assertThat(repository.list()).containsExactly(token("ops"));
  }

  @Test
  void updateAppliesTheChangeToTheCurrentValue() {
    repository.add(token("ops"));
    repository.add(token("ci"));
    AdminToken stored = repository.update("ci", t -> withEnabled(t, false));
    assertThat(stored.enabled()).isFalse();
    assertThat(repository.findById("ci")).hasValue(stored);
    assertThat(repository.findById("ops")).hasValue(token("ops"));
    assertThatThrownBy(() -> repository.update("none", t -> t))
        .isInstanceOf(UnknownEntryException.class);
  }

  @Test
  void updateAllReplacesWhatTheChangeReplacesAndCountsIt() {
    repository.add(token("a"));
    repository.add(token("b"));
    repository.add(token("c"));
    assertThat(repository.updateAll(t -> t)).isZero();
    assertThat(repository.updateAll(t -> t.id().equals("b") ? t : withEnabled(t, false)))
        .isEqualTo(2);
    assertThat(repository.list())
        .extracting(AdminToken::enabled)
        .containsExactly(false, true, false);
  }

  @Test
  void aBreakglassTokenIsConsumedExactlyOnce() {
    repository.add(breakglass("glass", null));
    assertThat(repository.consumeBreakglass("glass", NOW + 5)).isTrue();
    AdminToken spent = repository.findById("glass").orElseThrow();
    assertThat(spent.breakglass()).isFalse();
    assertThat(spent.enabled()).isFalse();
    assertThat(spent.usedTs()).isEqualTo(NOW + 5);
    assertThat(repository.consumeBreakglass("glass", NOW + 6)).isFalse();
    assertThat(repository.findById("glass")).hasValue(spent);
  }

  @Test
  void onlyAnUsableBreakglassTokenCanBeConsumed() {
    repository.add(token("ops"));
    repository.add(breakglass("expired", NOW + 10));
    repository.add(withEnabled(breakglass("off", null), false));
    assertThat(repository.consumeBreakglass("ops", NOW)).isFalse();
    assertThat(repository.consumeBreakglass("expired", NOW + 10)).isFalse();
    assertThat(repository.consumeBreakglass("off", NOW)).isFalse();
    assertThat(repository.consumeBreakglass("none", NOW)).isFalse();
    assertThat(repository.list())
        .containsExactly(
            token("ops"),
            breakglass("expired", NOW + 10),
            withEnabled(breakglass("off", null), false));
  }

  @Test
  void ofConcurrentConsumersFromTwoHandlesExactlyOneWins() throws Exception {
    repository.add(breakglass("glass", null));
    AdminTokenRepository elsewhere = another();
    List<Callable<Boolean>> consumers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      AdminTokenRepository handle = i % 2 == 0 ? repository : elsewhere;
      consumers.add(() -> handle.consumeBreakglass("glass", NOW));
    }
    assertThat(runTogether(consumers)).containsOnlyOnce(true);
    assertThat(another().findById("glass").orElseThrow().usedTs()).isEqualTo(NOW);
  }

  @Test
  void concurrentChangesFromTwoHandlesAreAllKept() throws Exception {
    repository.add(token("counter"));
    AdminTokenRepository elsewhere = another();
    int threads = 4;
    int rounds = 10;
    List<Callable<Void>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      AdminTokenRepository handle = t % 2 == 0 ? repository : elsewhere;
      int thread = t;
      work.add(
          () -> {
            for (int i = 0; i < rounds; i++) {
              handle.update("counter", c -> withCreated(c, c.createdTs() + 1));
              handle.add(token("t" + thread + "-" + i));
            }
            return null;
          });
    }
    runTogether(work);
    assertThat(another().findById("counter").orElseThrow().createdTs())
        .isEqualTo(NOW + threads * rounds);
    assertThat(another().list()).hasSize(1 + threads * rounds);
  }

  @Test
  void changesMadeElsewhereAreSeenWithinTwoSeconds() throws Exception {
    repository.add(token("ops"));
    assertThat(repository.findById("ops")).isPresent();
    AdminTokenRepository elsewhere = another();
    elsewhere.add(token("ci"));
    elsewhere.update("ops", t -> withEnabled(t, false));
    eventually(() -> repository.findByHash(Tokens.hash("value of ci")).isPresent());
    eventually(() -> !repository.findById("ops").orElseThrow().enabled());
  }
}

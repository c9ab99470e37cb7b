package org.semptify.vault;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Payload;
import org.semptify.store.BlobStore.BlobEntry;
import org.semptify.store.InvalidStateFileException;
import org.semptify.store.ShareRepository;
import org.semptify.store.UnknownEntryException;
import org.semptify.store.UserAccount;
import org.semptify.store.UserRepository;
import org.semptify.store.VaultRepository;

/**
 * Deletes a vault for good: the owner's {@code POST /vault/delete} and the operator's {@code
 * semptify user delete ID} both come here. The order makes a crash at any point harmless:
 *
 * <ol>
 *   <li>{@link Step#KEY}: one atomic change of the account drops its wrap of the vault's data key,
 *       disables it, ends its sessions and marks it as being deleted. From here on nothing of the
 *       vault can be opened: the token unwraps nothing, sessions are refused, and share links are
 *       refused because their owner is no longer usable. The {@code vault_deleted} event (user id
 *       only) is written here, once.
 *   <li>{@link Step#SHARES}: every share record, and with it every other wrap of the data key.
 *   <li>{@link Step#BLOBS}, {@link Step#MANIFEST}, {@link Step#RECORDS}, {@link Step#FILES}: the
 *       encrypted bytes, then whatever else is left of the vault's folder.
 *   <li>{@link Step#ACCOUNT}: the account entry itself.
 * </ol>
 *
 * <p>Before the first step the vault is whole; after it nothing is readable. An account found
 * marked at start-up ({@link #finishInterrupted}) or given again to {@link #delete} is finished
 * from the step after the key: each later step is idempotent. Changes to {@code users.json} go
 * through the {@link UserRepository}, under the lock it shares with the command line.
 */
public final class VaultDeletion {
  /** The steps, in order; a test can pause the process after one and kill it there. */
  public enum Step {
    KEY,
    SHARES,
    BLOBS,
    MANIFEST,
    RECORDS,
    FILES,
    ACCOUNT;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Called after each step has been made durable. */
  @FunctionalInterface
  public interface StepHook {
    void after(Step step);
  }

  /** The system property naming a step after which the process stops, to be killed (tests). */
  public static final String PAUSE_PROPERTY = "semptify.test.vault-deletion-pause-after";

  private static final String MANIFEST = "manifest";
  private static final String RECORDS = "records";

  private final UserRepository users;
  private final ShareRepository shares;
  private final VaultRepository vaults;
  private final EventLog events;
  private final Clock clock;
  private final Runnable counted;
  private final StepHook hook;

  /**
   * @param counted called once per vault deleted (the server's {@code vaults_deleted_total})
   * @param hook called after each step ({@link #pauseFromSystemProperty()} in the real process)
   */
  public VaultDeletion(
      UserRepository users,
      ShareRepository shares,
      VaultRepository vaults,
      EventLog events,
      Clock clock,
      Runnable counted,
      StepHook hook) {
    this.users = users;
    this.shares = shares;
    this.vaults = vaults;
    this.events = events;
    this.clock = clock;
    this.counted = counted;
    this.hook = hook;
  }

  /**
   * Deletes the vault and account {@code userId}, or finishes a deletion already begun. Throws
   * {@link UnknownEntryException} when there is no such account, and writes nothing when the events
   * log cannot record the deletion.
   */
  public void delete(String userId) throws IOException {
    delete(userId, null);
  }

  /**
   * As {@link #delete(String)}, for a web request: its {@code vault_deleted} event carries the
   * request's id, so the deletion can be matched to the access log.
   */
  public void delete(String userId, String requestId) throws IOException {
    events.requireWritable();
    UserAccount account =
        users.findById(userId).orElseThrow(() -> new UnknownEntryException(userId));
    if (!account.beingDeleted()) {
      long now = clock.millis();
      users.update(userId, user -> user.beingDeleted() ? user : user.withoutKey(now));
      // The deletion is a fact from here on (nothing can be read any more): audit it now, once;
      // finishing an interrupted deletion later does not audit it again.
      events.record(EventType.VAULT_DELETED, requestId, Payload.of(EventField.USER_ID, userId));
      counted.run();
    }
    hook.after(Step.KEY);
    for (String shareId : shares.idsOwnedBy(userId)) {
      shares.deleteOwned(userId, shareId);
    }
    hook.after(Step.SHARES);
    List<BlobEntry> blobs = vaults.listBlobs(userId);
    for (BlobEntry blob : blobs) {
      if (blob.pending()) {
        vaults.discardPending(userId, blob.docId());
      } else {
        vaults.deleteBlob(userId, blob.docId());
      }
    }
    hook.after(Step.BLOBS);
    vaults.deleteDocument(userId, MANIFEST);
    hook.after(Step.MANIFEST);
    vaults.deleteDocument(userId, RECORDS);
    hook.after(Step.RECORDS);
    vaults.deleteVault(userId);
    hook.after(Step.FILES);
    users.delete(userId);
    hook.after(Step.ACCOUNT);
  }

  /**
   * At start-up: finishes every deletion a crash interrupted (accounts marked by {@link Step#KEY}).
   * Returns how many were finished; none when the accounts cannot be read (the readiness probe says
   * why, and the next start tries again).
   */
  public int finishInterrupted() throws IOException {
    if (!events.writable()) {
      return 0; // the vaults stay unreadable; the next start finishes them
    }
    List<UserAccount> accounts;
    try {
      accounts = users.beingDeleted();
    } catch (InvalidStateFileException e) {
      return 0;
    }
    for (UserAccount account : accounts) {
      delete(account.id());
    }
    return accounts.size();
  }

  /** Does nothing: the hook for every process but the tests'. */
  public static StepHook noPause() {
    return step -> {};
  }

  /**
   * The hook for a real process: when the system property {@value #PAUSE_PROPERTY} names a step,
   * the deletion stops after it (saying so on stderr) and waits to be killed, so that a test can
   * kill -9 the process at exactly that point. Without the property, nothing happens.
   */
  public static StepHook pauseFromSystemProperty() {
    String pauseAfter = System.getProperty(PAUSE_PROPERTY);
    if (pauseAfter == null || pauseAfter.isBlank()) {
      return noPause();
    }
    return step -> {
      if (step.wireName().equals(pauseAfter)) {
        System.err.println("semptify: vault deletion paused after step " + step.wireName());
        System.err.flush();
        while (true) {
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    };
  }
}

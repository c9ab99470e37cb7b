package org.semptify.store;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.semptify.ops.ReadinessCheck;

/**
 * Where user accounts live ({@code security/users.json} on files). Every implementation keeps the
 * same promises, which {@code UserRepositoryContract} checks:
 *
 * <ul>
 *   <li>A change made anywhere (another process, the CLI, an operator's hand edit of the file) is
 *       seen by the next lookup, within 2 seconds at most.
 *   <li>Each change is atomic: a reader sees the accounts before it or after it, never half of it;
 *       concurrent changes (threads or processes) are all kept, none undoes another.
 *   <li>A store that cannot be read as valid data fails closed: lookups find nothing, {@link #list}
 *       and every change throw {@link InvalidStateFileException}, {@link #problem()} says why
 *       (without any content), and nothing is overwritten.
 *   <li>A write that fails (full disk, read-only, I/O) throws {@link
 *       org.semptify.ops.StorageUnavailableException} and changes nothing.
 * </ul>
 *
 * <p>As a {@link ReadinessCheck} it reports whether the store is usable.
 */
public interface UserRepository extends ReadinessCheck {
  /** The account whose token hashes to {@code hash} ({@code sha256:…}), if any. */
  Optional<UserAccount> findByHash(String hash);

  Optional<UserAccount> findById(String id);

  /** Every account, in the order they were added. */
  List<UserAccount> list();

  /**
   * The accounts whose vault deletion began and did not finish ({@link UserAccount#beingDeleted}),
   * in the order they were added; read at start-up, so it must not cost a copy of every account.
   * Throws {@link InvalidStateFileException} as {@link #list} does.
   */
  List<UserAccount> beingDeleted();

  /**
   * Adds accounts with new ids, all in one atomic step; throws {@link IllegalStateException} (and
   * adds none) when an id exists already.
   */
  void addAll(List<UserAccount> accounts);

  /**
   * Replaces account {@code id} by {@code change} applied to it as it is now, atomically: no other
   * change to the account lands in between. Throws {@link UnknownEntryException} when there is no
   * such account. Returns the value stored.
   */
  UserAccount update(String id, UnaryOperator<UserAccount> change);

  /**
   * Removes account {@code id} for good, atomically and durably before returning true; false when
   * there is no such account (deleting twice is harmless).
   */
  boolean delete(String id);

  /** Null when the store is usable, else why not (never any stored content). */
  String problem();
}

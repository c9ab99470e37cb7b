package org.semptify.store;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.semptify.ops.ReadinessCheck;

/**
 * Where admin tokens live, as hashes only ({@code security/admin_tokens.json} on files). The
 * promises of {@link UserRepository} hold here too (changes from anywhere seen within 2 seconds,
 * atomic changes, failing closed, {@link org.semptify.ops.StorageUnavailableException} on a failed
 * write); {@code AdminTokenRepositoryContract} checks them.
 */
public interface AdminTokenRepository extends ReadinessCheck {
  /** The entry stored under token hash {@code hash} ({@code sha256:…}), enabled or not. */
  Optional<AdminToken> findByHash(String hash);

  Optional<AdminToken> findById(String id);

  /** Every entry, in the order they were added. */
  List<AdminToken> list();

  /**
   * Adds an entry with a new id; throws {@link DuplicateEntryException} (and adds nothing) when the
   * id exists already.
   */
  void add(AdminToken token);

  /**
   * Replaces entry {@code id} by {@code change} applied to it as it is now, atomically. Throws
   * {@link UnknownEntryException} when there is no such entry. Returns the value stored.
   */
  AdminToken update(String id, UnaryOperator<AdminToken> change);

  /**
   * Applies {@code change} once to every entry, in order, as one atomic step; an entry for which it
   * returns the same object is left as it is, and when it leaves every entry nothing is written.
   * Returns how many entries it replaced.
   */
  int updateAll(UnaryOperator<AdminToken> change);

  /**
   * Consumes breakglass token {@code id} if it is still an unused, usable breakglass token at
   * {@code nowSeconds}: it becomes {@link AdminToken#consumed(long)}, durably, before this returns
   * true. Of any number of concurrent callers (threads or processes), exactly one gets true.
   */
  boolean consumeBreakglass(String id, long nowSeconds);

  /** Null when the store is usable, else why not (never any stored content). */
  String problem();
}

package org.semptify.store;

import java.util.List;
import java.util.Optional;

/**
 * Where live shares are kept ({@code uploads/shares/<id>.json} on files): one record per share,
 * holding the only wrap of the vault key that the share's token opens. Deleting it ends the share.
 * {@code ShareRepositoryContract} checks the promises below.
 */
public interface ShareRepository {
  /**
   * Stores {@code share} atomically (a reader finds the whole record or none); from now on its link
   * works. Throws {@link org.semptify.ops.StorageUnavailableException} when it cannot be written.
   */
  void put(Share share);

  /** The share with {@code shareId}; empty when there is none or it cannot be read. */
  Optional<Share> find(String shareId);

  /**
   * Deletes share {@code shareId} if it belongs to {@code userId}, durably before returning true;
   * false (and nothing deleted) when there is no such share or it is someone else's.
   */
  boolean deleteOwned(String userId, String shareId);

  /**
   * The ids of every share {@code userId} issued (live or expired), so that deleting a vault can
   * delete them all; shares that cannot be read are not listed.
   */
  List<String> idsOwnedBy(String userId);

  /**
   * The id of every share that can be read (live or expired), in no particular order, for copying
   * and checking a whole store.
   */
  List<String> allIds();
}

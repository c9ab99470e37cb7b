package org.semptify.store;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where vaults keep their bytes, already encrypted: per user, small documents (the manifest, the
 * records) replaced whole and atomically, and blobs (one per document, see {@link BlobStore})
 * written as a stream under a pending name, then made visible atomically. The vault domain encrypts
 * and decrypts; a repository only ever sees ciphertext, so an implementation on a database and an
 * object store needs no key.
 *
 * <p>A failure of the storage itself (disk full, read-only, unreachable) throws {@link
 * org.semptify.ops.StorageUnavailableException} after undoing what the call began; an {@link
 * IOException} from a caller's {@link BlobWriter} (a request body that broke off) is passed on as
 * it is.
 */
public interface VaultRepository extends BlobStore {
  /** A small document's bytes, or empty when it was never written. */
  Optional<byte[]> readDocument(String userId, String name) throws IOException;

  /**
   * An opaque token naming the document's current version (equal tokens, same bytes; every
   * replacement makes a new one), or empty when it was never written: lets a reader keep what it
   * decrypted until the document changes.
   */
  Optional<String> documentVersion(String userId, String name) throws IOException;

  /** Replaces a small document whole: a reader sees the old bytes or the new, never a mix. */
  void replaceDocument(String userId, String name, byte[] content);

  /** The user id of every vault that holds at least one document, for copying and checking. */
  java.util.List<String> vaultIds();

  /** The names of a vault's small documents ({@code manifest}, {@code records}, ...). */
  java.util.List<String> documentNames(String userId);

  /**
   * The lock that serialises every change to one vault (manifest, certificate chain, private
   * documents), given the lock this process keeps for it. On files that lock is all it takes (one
   * server owns a data root); a store that several nodes share extends it across all of them, so
   * that the chain stays one chain. Reentrant, like {@code local}.
   */
  default Lock vaultLock(String userId, ReentrantLock local) {
    return local;
  }

  /** Removes a small document (e.g. the manifest), if there is one, durably. */
  void deleteDocument(String userId, String name) throws IOException;

  /**
   * Removes whatever is left of a vault (its folders, any file in them), durably; a vault with
   * nothing stored is left as it is.
   */
  void deleteVault(String userId) throws IOException;

  /**
   * A failure of this storage for a vault as {@link org.semptify.ops.StorageUnavailableException},
   * naming where it happened (readiness probes there until it accepts writes again).
   */
  org.semptify.ops.StorageUnavailableException unavailable(String userId, IOException cause);
}

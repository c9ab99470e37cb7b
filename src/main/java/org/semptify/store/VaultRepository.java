package org.semptify.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where vaults keep their bytes, already encrypted: per user, small documents (the manifest, the
 * records) replaced whole and atomically, and blobs (one per document) written as a stream under a
 * pending name, then made visible atomically. The vault domain encrypts and decrypts; a repository
 * only ever sees ciphertext, so an implementation on a database and an object store needs no key.
 *
 * <p>A failure of the storage itself (disk full, read-only, unreachable) throws {@link
 * org.semptify.ops.StorageUnavailableException} after undoing what the call began; an {@link
 * IOException} from a caller's {@link BlobWriter} (a request body that broke off) is passed on as
 * it is.
 */
public interface VaultRepository {
  /** Writes a blob's (encrypted) bytes to the stream it is given. */
  @FunctionalInterface
  interface BlobWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /** A stored blob: its bytes as a stream (the caller closes it) and its size in bytes. */
  record StoredBlob(InputStream content, long size) {}

  /** A blob as listed for recovery: committed, or pending (written, never made visible). */
  record BlobEntry(String docId, boolean pending) {}

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

  /**
   * Streams a blob under its pending name, durably, and returns its size. Invisible to {@link
   * #openBlob} until {@link #commitBlob}; nothing is kept when the writer throws.
   */
  long writePending(String userId, String docId, BlobWriter writer) throws IOException;

  /** Makes a pending blob visible under its own name, atomically. */
  void commitBlob(String userId, String docId);

  /** Removes a pending blob, if there is one. */
  void discardPending(String userId, String docId) throws IOException;

  /** A committed blob, or empty when there is none. */
  Optional<StoredBlob> openBlob(String userId, String docId) throws IOException;

  /** Removes a committed blob, if there is one. */
  void deleteBlob(String userId, String docId) throws IOException;

  /** Every blob of a vault, pending or committed, for recovering interrupted commits. */
  List<BlobEntry> listBlobs(String userId);

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

package org.semptify.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where the encrypted bytes of vault documents live (one blob per document), beneath the {@link
 * VaultRepository}: on files ({@code uploads/vault/<user id>/blobs/}) or in an S3-compatible
 * bucket. A blob store only ever sees ciphertext, addressed by the vault's random user id and the
 * document's random id: no file name, label or anything else a user chose reaches it.
 *
 * <p>A blob is written as a stream under a pending state, durably, then made visible atomically
 * ({@link #commitBlob}). A failure of the storage itself throws {@link
 * org.semptify.ops.StorageUnavailableException} after undoing what the call began; an {@link
 * IOException} from a caller's {@link BlobWriter} (a request body that broke off) is passed on as
 * it is, and nothing of that blob is kept.
 */
public interface BlobStore {
  /** Writes a blob's (encrypted) bytes to the stream it is given. */
  @FunctionalInterface
  interface BlobWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /** A stored blob: its bytes as a stream (the caller closes it) and its size in bytes. */
  record StoredBlob(InputStream content, long size) {}

  /** A blob as listed for recovery: committed, or pending (written, never made visible). */
  record BlobEntry(String docId, boolean pending) {}

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

  /**
   * Bytes the vault's blobs occupy in this store (encrypted): what the operator may see of them.
   */
  long usedBytes(String userId);

  /**
   * Every blob of a vault, committed or pending, for recovering interrupted commits. A store that
   * several nodes share lists a pending blob only once no live request can still be writing it.
   */
  List<BlobEntry> listBlobs(String userId);

  /** Deletes every blob {@link #listBlobs} names for the vault, committed or pending. */
  default void deleteAllBlobs(String userId) throws IOException {
    for (BlobEntry blob : listBlobs(userId)) {
      if (blob.pending()) {
        discardPending(userId, blob.docId());
      } else {
        deleteBlob(userId, blob.docId());
      }
    }
  }
}

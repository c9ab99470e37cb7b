package org.semptify.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Copies every vault from one {@link VaultRepository} to another as it is stored: committed blobs,
 * then documents (manifest, records), so a manifest never reaches the target before the blobs it
 * names; ciphertext byte for byte (no key is needed, none is used). Idempotent: what the target
 * already holds with the same bytes is left alone, so a second run copies nothing. What the target
 * holds with other bytes is never overwritten (the target may have moved on since: a newer
 * manifest, a longer chain); its vault is reported as a mismatch. Every vault is read back from the
 * target and compared by SHA-256; the certificate chain lives inside the encrypted manifest, so
 * identical bytes carry an identical, still verifiable chain.
 */
public final class VaultCopy {
  /**
   * What a copy (or a check) found: counts, the vaults whose bytes differ in the target after the
   * run (if any), and how many vaults this run copied anything into.
   */
  public record Report(
      int vaults,
      int documentsCopied,
      int documentsSame,
      int blobsCopied,
      int blobsSame,
      long bytesCopied,
      List<String> mismatches,
      int vaultsCopied) {}

  private VaultCopy() {}

  /**
   * Copies what {@code target} lacks; verifies every vault afterwards (a vault the target holds
   * differently is a mismatch, left as the target has it).
   */
  public static Report copy(VaultRepository source, VaultRepository target) throws IOException {
    return run(source, target, true);
  }

  /** Compares without writing: what {@link #copy} would copy shows as a mismatch. */
  public static Report compare(VaultRepository source, VaultRepository target) throws IOException {
    return run(source, target, false);
  }

  private static Report run(VaultRepository source, VaultRepository target, boolean write)
      throws IOException {
    int vaults = 0;
    int vaultsCopied = 0;
    int documentsCopied = 0;
    int documentsSame = 0;
    int blobsCopied = 0;
    int blobsSame = 0;
    long bytes = 0;
    List<String> mismatches = new ArrayList<>();
    for (String userId : source.vaultIds()) {
      vaults++;
      boolean intact = true;
      int copiedBefore = documentsCopied + blobsCopied;
      for (BlobStore.BlobEntry blob : source.listBlobs(userId)) {
        if (blob.pending()) {
          continue; // never part of the vault: its upload did not finish
        }
        byte[] wanted = digest(source, userId, blob.docId());
        byte[] there = digest(target, userId, blob.docId());
        if (Arrays.equals(wanted, there)) {
          blobsSame++;
          continue;
        }
        if (write && there.length == 0) {
          bytes += copyBlob(source, target, userId, blob.docId());
          blobsCopied++;
        }
        intact &= Arrays.equals(wanted, digest(target, userId, blob.docId()));
      }
      for (String name : source.documentNames(userId)) {
        Optional<byte[]> stored = source.readDocument(userId, name);
        if (stored.isEmpty()) {
          continue;
        }
        Optional<byte[]> there = target.readDocument(userId, name);
        if (same(stored, there)) {
          documentsSame++;
          continue;
        }
        if (write && there.isEmpty()) { // never over a different one: the target may have moved on
          target.replaceDocument(userId, name, stored.get());
          documentsCopied++;
          bytes += stored.get().length;
        }
        intact &= same(stored, target.readDocument(userId, name));
      }
      if (!intact) {
        mismatches.add(userId);
      }
      if (documentsCopied + blobsCopied > copiedBefore) {
        vaultsCopied++;
      }
    }
    return new Report(
        vaults,
        documentsCopied,
        documentsSame,
        blobsCopied,
        blobsSame,
        bytes,
        mismatches,
        vaultsCopied);
  }

  private static boolean same(Optional<byte[]> a, Optional<byte[]> b) {
    return a.isPresent() && b.isPresent() && Arrays.equals(a.get(), b.get());
  }

  private static long copyBlob(
      VaultRepository source, VaultRepository target, String userId, String docId)
      throws IOException {
    BlobStore.StoredBlob blob = source.openBlob(userId, docId).orElseThrow();
    long size;
    try (InputStream in = blob.content()) {
      target.discardPending(userId, docId); // a copy an earlier run left half-done
      size = target.writePending(userId, docId, (OutputStream out) -> in.transferTo(out));
    }
    target.commitBlob(userId, docId);
    return size;
  }

  /** The SHA-256 of a committed blob's stored bytes, or no bytes when there is none. */
  private static byte[] digest(VaultRepository repository, String userId, String docId)
      throws IOException {
    Optional<BlobStore.StoredBlob> blob = repository.openBlob(userId, docId);
    if (blob.isEmpty()) {
      return new byte[0];
    }
    MessageDigest sha256 = sha256();
    try (InputStream in = new DigestInputStream(blob.get().content(), sha256)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return sha256.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

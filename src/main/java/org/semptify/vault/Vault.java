package org.semptify.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.StampedLock;
import org.semptify.crypto.StreamingCipher;
import org.semptify.crypto.TokenKind;
import org.semptify.crypto.Tokens;
import org.semptify.ops.StorageUnavailableException;
import org.semptify.store.VaultRepository;

/**
 * One user's vault, opened with its data key. Nothing is ever overwritten: each upload becomes a
 * new document with a random id. An upload is committed in two phases so that a crash leaves either
 * no trace or a complete document: the encrypted bytes are written and fsynced as {@code
 * pending-<id>.bin}; the manifest (with the new certificate) is replaced atomically; then the blob
 * is renamed to {@code <id>.bin}. A pending blob found later is committed if the manifest names it,
 * and deleted if not.
 *
 * <p>A write that fails on the disk (full, read-only, I/O error) throws {@link
 * StorageUnavailableException} after undoing what it began; failures reading a request's body stay
 * {@link IOException}s.
 */
public final class Vault {
  private static final String MANIFEST = "manifest";
  private static final String QUOTA_EXCEEDED =
      "storage quota exceeded: delete documents or export and start a new vault";

  private final VaultRepository storage;
  private final String userId;
  private final StreamingCipher cipher;
  private final Lock lock;
  private final StampedLock retention;
  private final SigningKey signingKey;
  private final ObjectMapper json;
  private final Clock clock;
  private final ManifestCache cache;
  private final UploadPipeline pipeline;
  private final String keyFingerprint;

  Vault(
      VaultRepository storage,
      String userId,
      byte[] dataKey,
      Lock lock,
      StampedLock retention,
      SigningKey signingKey,
      ObjectMapper json,
      Clock clock,
      ManifestCache cache,
      UploadPipeline pipeline) {
    this.storage = storage;
    this.userId = userId;
    this.cipher = new StreamingCipher(dataKey);
    this.lock = lock;
    this.retention = retention;
    this.signingKey = signingKey;
    this.json = json;
    this.clock = clock;
    this.cache = cache;
    this.pipeline = pipeline;
    this.keyFingerprint = Certificate.sha256Hex(dataKey);
  }

  public Manifest manifest() {
    try {
      Optional<String> current = storage.documentVersion(userId, MANIFEST);
      if (current.isEmpty()) {
        return Manifest.empty();
      }
      ManifestCache.Version version = new ManifestCache.Version(current.get(), 0, null);
      Manifest cached = cache.get(userId, version, keyFingerprint);
      if (cached != null) {
        return cached;
      }
      // Read after the version: if a write lands in between, the next look sees a new version.
      Optional<byte[]> stored = storage.readDocument(userId, MANIFEST);
      if (stored.isEmpty()) {
        return Manifest.empty();
      }
      try (InputStream in =
          cipher.decrypting(new ByteArrayInputStream(stored.get()), manifestContext())) {
        Manifest manifest = json.readValue(in.readAllBytes(), Manifest.class);
        cache.put(userId, version, keyFingerprint, manifest);
        return manifest;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the vault manifest cannot be read", e);
    }
  }

  /**
   * The body of {@code GET /api/vault}: {@code {"documents":[...]}}, each document as {@link
   * DocumentJson} writes it. Serialised once per manifest version and kept beside the cached
   * manifest, so a vault listed again and again is not serialised again; the bytes are shared,
   * never to be modified.
   */
  public byte[] listingJson() {
    Manifest manifest = manifest();
    Optional<byte[]> kept = cache.listing(userId, manifest);
    if (kept.isPresent()) {
      return kept.get();
    }
    List<Map<String, Object>> documents = new ArrayList<>(manifest.documents().size());
    for (Document document : manifest.documents()) {
      documents.add(DocumentJson.of(document));
    }
    try {
      byte[] listing = json.writeValueAsBytes(Map.of("documents", documents));
      cache.keepListing(userId, manifest, listing);
      return listing;
    } catch (IOException e) {
      throw new UncheckedIOException("the vault listing cannot be written", e);
    }
  }

  /**
   * Encrypted bytes received and fsynced, not yet part of the vault (phase one of an upload), and
   * the quota they were received under, checked again when they are committed.
   */
  public record PendingBlob(
      String docId, long size, String sha256, String contentType, long quotaBytes) {}

  /**
   * Phase one: streams {@code content} into a pending blob, hashed and encrypted on the way, never
   * held whole in memory, never written in plaintext. Beyond the size limit or the quota nothing is
   * kept and {@link UploadTooLargeException} is thrown.
   */
  public PendingBlob receive(InputStream content, long maxUploadBytes, long quotaBytes)
      throws IOException {
    return receive(newDocumentId(), content, maxUploadBytes, quotaBytes);
  }

  /**
   * Phase one for a document whose id had to be known before its bytes existed (a generated PDF
   * prints its own id in its footer).
   */
  public PendingBlob receive(
      String docId, InputStream content, long maxUploadBytes, long quotaBytes) throws IOException {
    if (!docId.matches("d_[0-9a-z]{22}")) {
      throw new IllegalArgumentException("not a document id");
    }
    // A first estimate, so that an upload beyond the quota stops early; commitAll checks again
    // under the vault's lock, where parallel uploads cannot all see the same free space.
    long remaining = quotaBytes - manifest().usedBytes();
    MessageDigest sha256 = sha256();
    SniffingLimitedStream counted = new SniffingLimitedStream(content, maxUploadBytes, remaining);
    // Read on this thread, hashed on a second one while a third encrypts and writes
    // (UploadPipeline); the encrypting stream is closed, writing its final segment, only when
    // every byte arrived.
    storage.writePending(
        userId,
        docId,
        out -> pipeline.transfer(counted, sha256, cipher.encrypting(out, blobContext(docId))));
    return new PendingBlob(
        docId,
        counted.count(),
        HexFormat.of().formatHex(sha256.digest()),
        ContentSniffer.sniff(counted.head(), counted.headLength()),
        quotaBytes);
  }

  /** A fresh random document id: {@code d_} and 22 lower-case letters and digits. */
  public static String newDocumentId() {
    return "d_"
        + Tokens.generate(TokenKind.USER).substring(5, 27).toLowerCase(java.util.Locale.ROOT);
  }

  /** A committed upload: the document as listed, and the chain head its certificate became. */
  public record Committed(Document document, String chainHead) {}

  /**
   * A received blob waiting for phase two, with what its certificate must attest beyond the receipt
   * itself (for a generated document: its type, the signature and the executed date).
   */
  public record Staged(PendingBlob blob, NewDocument meta, Map<String, Object> attestation) {}

  /** Drops a pending blob (the request failed after its bytes arrived). */
  public void discard(PendingBlob blob) throws IOException {
    storage.discardPending(userId, blob.docId());
  }

  /**
   * Phase two: issues the signed certificate, moves the blob into place, then replaces the manifest
   * atomically. Returns the document as listed.
   */
  public Committed commit(PendingBlob blob, NewDocument meta, String requestId) throws IOException {
    return commitAll(List.of(new Staged(blob, meta, Map.of())), requestId).get(0);
  }

  /**
   * Phase two for several blobs at once: one manifest replacement makes all of them part of the
   * vault, or none (a PDF and its text twin are never found apart).
   */
  public List<Committed> commitAll(List<Staged> staged, String requestId) throws IOException {
    long now = clock.millis();
    String receivedAt = Instant.ofEpochMilli(now).toString();
    lock.lock();
    try {
      Manifest manifest = manifest();
      long used = manifest.usedBytes();
      for (Staged item : staged) {
        used += item.blob().size();
        if (used > item.blob().quotaBytes()) {
          throw new UploadTooLargeException(QUOTA_EXCEEDED);
        }
      }
      List<Committed> committed = new ArrayList<>();
      for (Staged item : staged) {
        PendingBlob blob = item.blob();
        NewDocument meta = item.meta();
        Document document =
            new Document(
                blob.docId(),
                manifest.nextSeq(),
                meta.filename(),
                blob.size(),
                blob.sha256(),
                blob.contentType(),
                receivedAt,
                now / 1000,
                meta.category(),
                meta.description(),
                meta.eventDate());
        // The attestation goes in first so that it can never replace a field of the receipt.
        Map<String, Object> fields = new LinkedHashMap<>(item.attestation());
        fields.put("type", "upload");
        fields.put("doc_id", document.docId());
        fields.put("seq", document.seq());
        fields.put("filename", document.filename());
        fields.put("size", document.size());
        fields.put("sha256", document.sha256());
        fields.put("content_type", document.contentType());
        fields.put("received_at", receivedAt);
        fields.put("received_ts", now / 1000);
        fields.put("request_id", requestId);
        fields.put("description", document.description());
        fields.put("category", document.category());
        fields.put("event_date", document.eventDate());
        fields.put("prev", manifest.head());
        Certificate certificate = Certificate.issue(fields, signingKey);
        manifest = manifest.withUpload(document, certificate);
        committed.add(new Committed(document, certificate.hash()));
      }
      // Blobs first, manifest last: a blob in place that no manifest names is harmless (removed
      // below or by recovery), while a listed document whose bytes are elsewhere would not open.
      for (Staged item : staged) {
        storage.commitBlob(userId, item.blob().docId());
      }
      writeManifest(manifest);
      return List.copyOf(committed);
    } catch (IOException | RuntimeException e) {
      Manifest current = manifest();
      for (Staged item : staged) {
        if (current.document(item.blob().docId()).isEmpty()) {
          storage.discardPending(userId, item.blob().docId());
          storage.deleteBlob(userId, item.blob().docId());
        }
      }
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /** The plaintext of a document, decrypted as it is read. */
  public InputStream open(String docId) throws IOException {
    VaultRepository.StoredBlob blob =
        storage.openBlob(userId, docId).orElseThrow(() -> new NoSuchFileException(docId + ".bin"));
    return cipher.decrypting(blob.content(), blobContext(docId));
  }

  /**
   * Removes a document's bytes and appends a signed deletion record; returns the record. The record
   * is written first (under the vault's lock); the bytes are removed once no {@link #snapshot()}
   * that may still read them is open, so a delete racing an export waits for it.
   */
  public Optional<Certificate> delete(String docId, String requestId) throws IOException {
    Certificate record;
    lock.lock();
    try {
      Manifest manifest = manifest();
      if (manifest.document(docId).isEmpty()) {
        return Optional.empty();
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("type", "deletion");
      fields.put("doc_id", docId);
      fields.put("seq", manifest.nextSeq());
      fields.put("deleted_at", Instant.ofEpochMilli(clock.millis()).toString());
      fields.put("request_id", requestId);
      fields.put("prev", manifest.head());
      record = Certificate.issue(fields, signingKey);
      writeManifest(manifest.withDeletion(docId, record));
    } finally {
      lock.unlock();
    }
    long stamp = retention.writeLock();
    try {
      storage.deleteBlob(userId, docId);
    } catch (IOException e) {
      // The deletion is recorded; bytes the manifest no longer names are removed when the vault is
      // next opened after a start (recoverInterruptedCommits).
    } finally {
      retention.unlockWrite(stamp);
    }
    return Optional.of(record);
  }

  /**
   * A consistent view for reading many documents (an export): the manifest as it is now, and the
   * promise that every blob it names stays on disk until the snapshot is closed.
   */
  public final class Snapshot implements AutoCloseable {
    private final Manifest manifest;
    private long stamp;

    private Snapshot(Manifest manifest, long stamp) {
      this.manifest = manifest;
      this.stamp = stamp;
    }

    public Manifest manifest() {
      return manifest;
    }

    /** The plaintext of a document this snapshot's manifest names. */
    public InputStream open(String docId) throws IOException {
      return Vault.this.open(docId);
    }

    @Override
    public void close() {
      if (stamp != 0) {
        retention.unlockRead(stamp);
        stamp = 0;
      }
    }
  }

  /**
   * Takes a {@link Snapshot}. The retention hold comes first: a delete whose record lands after it
   * waits for the snapshot's close before removing bytes, and one whose record landed before is not
   * in the manifest read here.
   */
  public Snapshot snapshot() {
    long stamp = retention.readLock();
    Snapshot snapshot = null;
    lock.lock();
    try {
      snapshot = new Snapshot(manifest(), stamp);
      return snapshot;
    } finally {
      lock.unlock();
      if (snapshot == null) {
        retention.unlockRead(stamp);
      }
    }
  }

  /**
   * Appends a signed record that is not a document of its own (a service of notice, a court filing,
   * a hash attestation) to the certificate chain. {@code fields} must not use the chain's own names
   * ({@code type}, {@code seq}, {@code prev}, {@code recorded_at}, {@code request_id}).
   */
  public Certificate appendRecord(String type, Map<String, Object> fields, String requestId)
      throws IOException {
    lock.lock();
    try {
      Manifest manifest = manifest();
      Map<String, Object> all = new LinkedHashMap<>(fields);
      all.put("type", type);
      all.put("seq", manifest.nextSeq());
      all.put("recorded_at", Instant.ofEpochMilli(clock.millis()).toString());
      all.put("request_id", requestId);
      all.put("prev", manifest.head());
      Certificate record = Certificate.issue(all, signingKey);
      writeManifest(manifest.withRecord(record));
      return record;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A small private JSON file of this vault beside the manifest (the owner's records), encrypted
   * like it; {@code empty} when it does not exist yet.
   */
  public <T> T readPrivateFile(String name, Class<T> type, java.util.function.Supplier<T> empty) {
    checkPrivateName(name);
    try {
      Optional<byte[]> stored = storage.readDocument(userId, name);
      if (stored.isEmpty()) {
        return empty.get();
      }
      try (InputStream in =
          cipher.decrypting(new ByteArrayInputStream(stored.get()), privateContext(name))) {
        return json.readValue(in.readAllBytes(), type);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the vault's " + name + " cannot be read", e);
    }
  }

  /**
   * Reads, changes and atomically replaces a private file under the vault's lock, so concurrent
   * changes never lose each other. Returns the new value.
   */
  public <T> T updatePrivateFile(
      String name,
      Class<T> type,
      java.util.function.Supplier<T> empty,
      java.util.function.UnaryOperator<T> change)
      throws IOException {
    lock.lock();
    try {
      T updated = change.apply(readPrivateFile(name, type, empty));
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      try (OutputStream out = cipher.encrypting(buffer, privateContext(name))) {
        out.write(json.writeValueAsBytes(updated));
      }
      storage.replaceDocument(userId, name, buffer.toByteArray());
      return updated;
    } finally {
      lock.unlock();
    }
  }

  private static void checkPrivateName(String name) {
    if (!name.matches("[a-z]{1,32}") || name.equals(MANIFEST)) {
      throw new IllegalArgumentException("not a private file name");
    }
  }

  private String privateContext(String name) {
    return "semptify " + name + " " + userId;
  }

  /** The owner's own name for this vault, kept only in the encrypted manifest. */
  public void setLabel(String label) throws IOException {
    updateShares(m -> m.withLabel(label));
  }

  /** Records a share (its label stays encrypted here) or its revocation in the manifest. */
  public void updateShares(java.util.function.UnaryOperator<Manifest> change) throws IOException {
    lock.lock();
    try {
      writeManifest(change.apply(manifest()));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Commits or discards blobs whose upload was interrupted between its two phases, and removes the
   * bytes of documents whose deletion was recorded but whose blob outlived it (a crash, or a failed
   * removal). Throws {@link StorageUnavailableException} when that cannot be done; it is then tried
   * again on the vault's next opening.
   */
  void recoverInterruptedCommits() {
    lock.lock();
    try {
      List<VaultRepository.BlobEntry> blobs = storage.listBlobs(userId);
      if (blobs.isEmpty()) {
        return;
      }
      Manifest manifest = manifest();
      for (VaultRepository.BlobEntry blob : blobs) {
        if (manifest.document(blob.docId()).isEmpty()) {
          if (blob.pending()) {
            storage.discardPending(userId, blob.docId());
          } else {
            storage.deleteBlob(userId, blob.docId());
          }
        } else if (blob.pending()) {
          storage.commitBlob(userId, blob.docId());
        }
      }
    } catch (IOException e) {
      throw storage.unavailable(userId, e);
    } finally {
      lock.unlock();
    }
  }

  private void writeManifest(Manifest manifest) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (OutputStream out = cipher.encrypting(buffer, manifestContext())) {
      new ByteArrayInputStream(json.writeValueAsBytes(manifest)).transferTo(out);
    }
    storage.replaceDocument(userId, MANIFEST, buffer.toByteArray());
  }

  private String manifestContext() {
    return "semptify manifest " + userId;
  }

  private String blobContext(String docId) {
    return "semptify blob " + userId + " " + docId;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Counts bytes, keeps the first few for content sniffing, and stops at the size limits. */
  private static final class SniffingLimitedStream extends FilterInputStream {
    private final long maxUpload;
    private final long quotaLeft;
    private final byte[] head = new byte[ContentSniffer.HEAD_BYTES];
    private int headLength;
    private long count;

    SniffingLimitedStream(InputStream in, long maxUpload, long quotaLeft) {
      super(in);
      this.maxUpload = maxUpload;
      this.quotaLeft = quotaLeft;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        if (headLength < head.length) {
          int copy = Math.min(n, head.length - headLength);
          System.arraycopy(buffer, offset, head, headLength, copy);
          headLength += copy;
        }
        count += n;
        if (count > maxUpload) {
          throw new UploadTooLargeException(
              "file too large: the limit is " + (maxUpload / (1024 * 1024)) + " MB");
        }
        if (count > quotaLeft) {
          throw new UploadTooLargeException(QUOTA_EXCEEDED);
        }
      }
      return n;
    }

    long count() {
      return count;
    }

    byte[] head() {
      return head;
    }

    int headLength() {
      return headLength;
    }
  }
}

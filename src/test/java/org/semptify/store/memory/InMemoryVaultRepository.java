package org.semptify.store.memory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.semptify.ops.StorageUnavailableException;
import org.semptify.store.VaultRepository;

/**
 * A vault repository with no files at all: shows that the vault needs nothing from a file system
 * (the shape a database and object store implementation takes).
 */
public final class InMemoryVaultRepository implements VaultRepository {
  private record Stored(byte[] bytes, long version) {}

  private final Map<String, Stored> documents = new ConcurrentHashMap<>();
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final AtomicLong versions = new AtomicLong();

  private static String key(String userId, String name) {
    return userId + "/" + name;
  }

  @Override
  public Optional<byte[]> readDocument(String userId, String name) {
    return Optional.ofNullable(documents.get(key(userId, name))).map(s -> s.bytes().clone());
  }

  @Override
  public Optional<String> documentVersion(String userId, String name) {
    return Optional.ofNullable(documents.get(key(userId, name))).map(s -> "v" + s.version());
  }

  @Override
  public void replaceDocument(String userId, String name, byte[] content) {
    documents.put(key(userId, name), new Stored(content.clone(), versions.incrementAndGet()));
  }

  @Override
  public long writePending(String userId, String docId, BlobWriter writer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.writeTo(out);
    blobs.put(key(userId, "pending-" + docId), out.toByteArray());
    return out.size();
  }

  @Override
  public void deleteDocument(String userId, String name) {
    documents.remove(key(userId, name));
  }

  @Override
  public void deleteVault(String userId) {
    documents.keySet().removeIf(k -> k.startsWith(userId + "/"));
    blobs.keySet().removeIf(k -> k.startsWith(userId + "/"));
  }

  @Override
  public void commitBlob(String userId, String docId) {
    byte[] bytes = blobs.remove(key(userId, "pending-" + docId));
    if (bytes == null) {
      throw unavailable(userId, new IOException("no pending blob " + docId));
    }
    blobs.put(key(userId, docId), bytes);
  }

  @Override
  public void discardPending(String userId, String docId) {
    blobs.remove(key(userId, "pending-" + docId));
  }

  @Override
  public Optional<StoredBlob> openBlob(String userId, String docId) {
    return Optional.ofNullable(blobs.get(key(userId, docId)))
        .map(b -> new StoredBlob(new ByteArrayInputStream(b), b.length));
  }

  @Override
  public void deleteBlob(String userId, String docId) {
    blobs.remove(key(userId, docId));
  }

  @Override
  public List<String> vaultIds() {
    return documents.keySet().stream()
        .map(k -> k.substring(0, k.indexOf('/')))
        .distinct()
        .sorted()
        .toList();
  }

  @Override
  public List<String> documentNames(String userId) {
    return documents.keySet().stream()
        .filter(k -> k.startsWith(userId + "/"))
        .map(k -> k.substring(userId.length() + 1))
        .sorted()
        .toList();
  }

  @Override
  public long usedBytes(String userId) {
    return blobs.entrySet().stream()
        .filter(e -> e.getKey().startsWith(userId + "/"))
        .mapToLong(e -> e.getValue().length)
        .sum();
  }

  @Override
  public List<BlobEntry> listBlobs(String userId) {
    List<BlobEntry> entries = new ArrayList<>();
    for (String key : blobs.keySet()) {
      if (key.startsWith(userId + "/")) {
        String name = key.substring(userId.length() + 1);
        boolean pending = name.startsWith("pending-");
        entries.add(new BlobEntry(pending ? name.substring("pending-".length()) : name, pending));
      }
    }
    return entries;
  }

  @Override
  public StorageUnavailableException unavailable(String userId, IOException cause) {
    return new StorageUnavailableException(cause);
  }
}

package org.semptify.vault;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Recently read manifests, so that listing a vault does not decrypt and parse its manifest on every
 * request. An entry is returned only for the same file version (modification time, size and inode:
 * every write replaces the file, so a new version never matches) and only to a caller holding the
 * same data key (compared by a SHA-256 fingerprint), so the cache never opens a vault that the
 * request's own key would not. Bounded: the least recently used entries go first.
 */
final class ManifestCache {
  /** A version of a manifest file. */
  record Version(Object modified, long size, Object inode) {}

  private record Entry(Version version, String keyFingerprint, Manifest manifest) {}

  private final Map<String, Entry> entries;

  ManifestCache(int capacity) {
    this.entries = new LeastRecentlyUsed(capacity);
  }

  /** An access-ordered map that drops its eldest entry beyond the capacity. */
  private static final class LeastRecentlyUsed extends LinkedHashMap<String, Entry> {
    private static final long serialVersionUID = 1L;
    private final int capacity;

    LeastRecentlyUsed(int capacity) {
      super(16, 0.75f, true);
      this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > capacity;
    }
  }

  synchronized Manifest get(String userId, Version version, String keyFingerprint) {
    Entry entry = entries.get(userId);
    if (entry == null
        || !entry.version().equals(version)
        || !Objects.equals(entry.keyFingerprint(), keyFingerprint)) {
      return null;
    }
    return entry.manifest();
  }

  synchronized void put(String userId, Version version, String keyFingerprint, Manifest manifest) {
    entries.put(userId, new Entry(version, keyFingerprint, manifest));
  }
}

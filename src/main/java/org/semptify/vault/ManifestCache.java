package org.semptify.vault;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Recently read manifests, so that listing a vault does not decrypt and parse its manifest on every
 * request. An entry is returned only for the same file version (modification time, size and inode:
 * every write replaces the file, so a new version never matches) and only to a caller holding the
 * same data key (compared by a SHA-256 fingerprint), so the cache never opens a vault that the
 * request's own key would not. Bounded: the least recently used entries go first.
 *
 * <p>Beside each manifest it keeps that manifest's API listing as serialised once ({@link
 * #listing}), handed out only with the very manifest instance it was made from, i.e. only to a
 * caller that this cache has just given that manifest.
 */
final class ManifestCache {
  /** A version of a manifest file. */
  record Version(Object modified, long size, Object inode) {}

  private static final class Entry {
    final Version version;
    final String keyFingerprint;
    final Manifest manifest;
    byte[] listing; // guarded by the cache; null until first asked for

    Entry(Version version, String keyFingerprint, Manifest manifest) {
      this.version = version;
      this.keyFingerprint = keyFingerprint;
      this.manifest = manifest;
    }
  }

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
        || !entry.version.equals(version)
        || !Objects.equals(entry.keyFingerprint, keyFingerprint)) {
      return null;
    }
    return entry.manifest;
  }

  /**
   * The listing kept with {@code manifest}, when {@code manifest} is the very instance this cache
   * holds for {@code userId} (one it returned from {@link #get} or was given by {@link #put}); else
   * empty.
   */
  synchronized Optional<byte[]> listing(String userId, Manifest manifest) {
    Entry entry = entries.get(userId);
    return Optional.ofNullable(entry != null && entry.manifest == manifest ? entry.listing : null);
  }

  /** Keeps {@code listing} beside {@code manifest}, if that is still the one held for the user. */
  synchronized void keepListing(String userId, Manifest manifest, byte[] listing) {
    Entry entry = entries.get(userId);
    if (entry != null && entry.manifest == manifest) {
      entry.listing = listing;
    }
  }

  synchronized void put(String userId, Version version, String keyFingerprint, Manifest manifest) {
    entries.put(userId, new Entry(version, keyFingerprint, manifest));
  }
}

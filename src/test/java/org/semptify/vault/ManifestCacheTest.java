package org.semptify.vault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The manifest cache answers only for the same file version and the same data key. */
class ManifestCacheTest {
  private final ManifestCache cache = new ManifestCache(2);
  private final ManifestCache.Version v1 = new ManifestCache.Version("t1", 10, "inode1");
  private final Manifest manifest = Manifest.empty().withLabel("mine");

  @Test
  void aHitNeedsTheSameVersionAndTheSameKey() {
    cache.put("u_a", v1, "key-a", manifest);
    assertThat(cache.get("u_a", v1, "key-a")).isSameAs(manifest);
    assertThat(cache.get("u_a", v1, "key-b")).isNull();
    assertThat(cache.get("u_a", new ManifestCache.Version("t1", 10, "inode2"), "key-a")).isNull();
    assertThat(cache.get("u_b", v1, "key-a")).isNull();
  }

  @Test
  void theLeastRecentlyUsedEntryIsDroppedBeyondTheCapacity() {
    cache.put("u_a", v1, "k", manifest);
    cache.put("u_b", v1, "k", manifest);
    cache.get("u_a", v1, "k");
    cache.put("u_c", v1, "k", manifest);
    assertThat(cache.get("u_b", v1, "k")).isNull();
    assertThat(cache.get("u_a", v1, "k")).isNotNull();
  }
}

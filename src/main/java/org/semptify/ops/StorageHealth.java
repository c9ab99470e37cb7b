package org.semptify.ops;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Readiness check {@code storage}: degraded from the moment a write fails with {@link
 * StorageUnavailableException} until every folder it named accepts a new file again (probed with
 * {@value #PROBE_BYTES} bytes on each {@code /readyz}, so freeing space recovers it on the next
 * call). The detail names the reasons only, never a path (paths carry user ids).
 */
public final class StorageHealth implements ReadinessCheck {
  static final int PROBE_BYTES = 64 * 1024;

  private final Map<Path, String> failed = new ConcurrentHashMap<>();

  /** Remembers the folders a failed write went to. */
  public void failed(StorageUnavailableException e) {
    for (Path folder : e.folders()) {
      failed.put(folder.toAbsolutePath().normalize(), e.reason());
    }
  }

  @Override
  public String name() {
    return "storage";
  }

  @Override
  public CheckResult check() {
    TreeSet<String> reasons = new TreeSet<>();
    for (Map.Entry<Path, String> entry : failed.entrySet()) {
      if (FolderWritableCheck.probe(nearestExisting(entry.getKey()), PROBE_BYTES).ok()) {
        failed.remove(entry.getKey(), entry.getValue());
      } else {
        reasons.add(entry.getValue());
      }
    }
    return reasons.isEmpty()
        ? CheckResult.ok("writes succeed")
        : CheckResult.failed("a write failed: storage full or unavailable " + reasons);
  }

  /** The folder itself, or (when it is gone) the closest ancestor that exists. */
  private static Path nearestExisting(Path folder) {
    Path current = folder;
    Path parent = current.getParent();
    while (parent != null && !Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
      current = parent;
      parent = current.getParent();
    }
    return current;
  }
}

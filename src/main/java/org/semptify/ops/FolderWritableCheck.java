package org.semptify.ops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.semptify.files.PrivateFiles;

/** A runtime folder accepts a new file: write, fsync and delete a probe file. */
public final class FolderWritableCheck implements ReadinessCheck {
  private final String name;
  private final Path folder;

  public FolderWritableCheck(String name, Path folder) {
    this.name = name;
    this.folder = folder;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CheckResult check() {
    return probe(folder, 2);
  }

  /**
   * Whether {@code folder} accepts a new file of {@code bytes} bytes (written, fsynced, deleted); a
   * folder whose owner-write bit is off fails even for root.
   */
  public static CheckResult probe(Path folder, int bytes) {
    try {
      if (!Files.isDirectory(folder)) {
        return CheckResult.failed("folder missing");
      }
      if (!RotatingFile.ownerMayWrite(folder)) {
        return CheckResult.failed("folder is read-only");
      }
      Path probe =
          folder.resolve(
              ".readyz-probe-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
      try (FileChannel channel =
          PrivateFiles.open(
              probe, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
        ByteBuffer content = ByteBuffer.allocate(bytes);
        while (content.hasRemaining()) {
          channel.write(content);
        }
        channel.force(true);
      } finally {
        Files.deleteIfExists(probe);
      }
      return CheckResult.ok("writable");
    } catch (IOException e) {
      return CheckResult.failed("not writable (" + e.getClass().getSimpleName() + ")");
    }
  }
}

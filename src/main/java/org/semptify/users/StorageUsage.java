package org.semptify.users;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Bytes a user's vault occupies on disk (encrypted), the only thing the operator may see of it. */
public final class StorageUsage {
  private final Path vaultRoot;

  public StorageUsage(Path uploads) {
    this.vaultRoot = uploads.resolve("vault");
  }

  public long bytesOf(String userId) {
    Path folder = vaultRoot.resolve(userId);
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(StorageUsage::sizeOrZero).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  private static long sizeOrZero(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}

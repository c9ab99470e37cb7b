package org.semptify.users;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.semptify.store.BlobStore;

/**
 * Bytes a user's vault occupies (encrypted), the only thing the operator may see of it: its files
 * under {@code uploads/vault/<user id>/} beside the blobs, plus its blobs wherever the {@link
 * BlobStore} keeps them (the same folder's {@code blobs/}, or a bucket).
 */
public final class StorageUsage {
  private final Path vaultRoot;
  private final BlobStore blobs;

  public StorageUsage(Path uploads, BlobStore blobs) {
    this.vaultRoot = uploads.resolve("vault");
    this.blobs = blobs;
  }

  public long bytesOf(String userId) {
    return localBytes(userId) + blobs.usedBytes(userId);
  }

  private long localBytes(String userId) {
    Path folder = vaultRoot.resolve(userId);
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    Path blobFolder = folder.resolve("blobs");
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(file -> !file.startsWith(blobFolder))
          .filter(Files::isRegularFile)
          .mapToLong(StorageUsage::sizeOrZero)
          .sum();
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

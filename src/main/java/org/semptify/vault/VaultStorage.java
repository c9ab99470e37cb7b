package org.semptify.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.semptify.store.AtomicFiles;
import org.semptify.users.VaultAccess;

/**
 * Where vaults live: {@code uploads/vault/<user id>/} holds {@code manifest.bin} and {@code
 * blobs/<doc id>.bin}, all encrypted. One lock per vault serialises manifest changes; file bytes
 * are streamed outside it.
 */
public final class VaultStorage {
  private final Path vaultRoot;
  private final SigningKey signingKey;
  private final ObjectMapper json;
  private final Clock clock;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Set<String> recovered = ConcurrentHashMap.newKeySet();
  private final ManifestCache manifests = new ManifestCache(1024);

  public VaultStorage(Path uploads, SigningKey signingKey, ObjectMapper json, Clock clock) {
    this.vaultRoot = uploads.resolve("vault");
    this.signingKey = signingKey;
    this.json = json;
    this.clock = clock;
  }

  /** Opens the vault this access unlocks, finishing any commit a crash interrupted. */
  public Vault open(VaultAccess access) {
    Vault vault =
        new Vault(
            vaultRoot.resolve(access.userId()),
            access.userId(),
            access.dataKey(),
            locks.computeIfAbsent(access.userId(), id -> new ReentrantLock()),
            signingKey,
            json,
            clock,
            manifests);
    if (recovered.add(access.userId())) {
      vault.recoverInterruptedCommits();
    }
    return vault;
  }

  public SigningKey signingKey() {
    return signingKey;
  }

  /**
   * At start-up, before any request: removes temporary files of writes that never finished (partial
   * blobs, half-written manifests). Completed blobs awaiting their commit are kept; the vault's
   * next opening (when its key is available) commits or discards them.
   */
  public static void removeIncompleteWrites(Path uploads) throws IOException {
    Path root = uploads.resolve("vault");
    if (!Files.isDirectory(root)) {
      return;
    }
    try (DirectoryStream<Path> vaults = Files.newDirectoryStream(root)) {
      for (Path vault : vaults) {
        deleteTemporaries(vault);
        deleteTemporaries(vault.resolve("blobs"));
      }
    }
  }

  private static void deleteTemporaries(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(folder, AtomicFiles.TEMP_PREFIX + "*")) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    }
  }
}

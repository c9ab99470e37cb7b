package org.semptify.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;
import org.semptify.files.AtomicFiles;
import org.semptify.store.VaultRepository;
import org.semptify.users.VaultAccess;

/**
 * Where vaults live: a {@link VaultRepository} (on files: {@code uploads/vault/<user id>/} holds
 * {@code manifest.bin} and {@code blobs/<doc id>.bin}), all encrypted here before it is stored. One
 * lock per vault serialises manifest changes (across nodes when the repository is shared, see
 * {@link VaultRepository#vaultLock}); file bytes are streamed outside it.
 */
public final class VaultStorage {
  private final VaultRepository repository;
  private final SigningKey signingKey;
  private final ObjectMapper json;
  private final Clock clock;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Map<String, StampedLock> retention = new ConcurrentHashMap<>();
  private final Set<String> recovered = ConcurrentHashMap.newKeySet();
  private final ManifestCache manifests = new ManifestCache(1024);
  private final UploadPipeline pipeline = new UploadPipeline();

  public VaultStorage(
      VaultRepository repository, SigningKey signingKey, ObjectMapper json, Clock clock) {
    this.repository = repository;
    this.signingKey = signingKey;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Opens the vault this access unlocks. The first opening (per start) finishes any commit a crash
   * interrupted, under the vault's lock, before this or any concurrent opening returns; a recovery
   * that fails is tried again on the next opening.
   */
  public Vault open(VaultAccess access) {
    String userId = access.userId();
    Lock lock =
        repository.vaultLock(userId, locks.computeIfAbsent(userId, id -> new ReentrantLock()));
    Vault vault =
        new Vault(
            repository,
            userId,
            access.dataKey(),
            lock,
            retention.computeIfAbsent(userId, id -> new StampedLock()),
            signingKey,
            json,
            clock,
            manifests,
            pipeline);
    if (!recovered.contains(userId)) {
      lock.lock();
      try {
        if (!recovered.contains(userId)) {
          vault.recoverInterruptedCommits();
          recovered.add(userId);
        }
      } finally {
        lock.unlock();
      }
    }
    return vault;
  }

  /** Something done to a vault's storage that may fail on the disk. */
  @FunctionalInterface
  public interface VaultAction {
    void run() throws IOException;
  }

  /**
   * Runs {@code action} under the vault's lock (no upload, record or share changes its manifest
   * meanwhile, on this node or, when the repository is shared, on any other) and forgets what this
   * process knew of the vault: a deletion.
   */
  public void exclusively(String userId, VaultAction action) throws IOException {
    Lock lock =
        repository.vaultLock(userId, locks.computeIfAbsent(userId, id -> new ReentrantLock()));
    lock.lock();
    try {
      recovered.remove(userId);
      action.run();
    } finally {
      lock.unlock();
    }
  }

  public SigningKey signingKey() {
    return signingKey;
  }

  /**
   * At start-up, before any request: removes temporary files of writes that never finished (partial
   * blobs, half-written manifests, records and shares) from every state folder under {@code
   * uploads/}: itself, {@code shares/}, {@code vault/}, each vault and its {@code blobs/}.
   * Completed blobs awaiting their commit are kept; the vault's next opening (when its key is
   * available) commits or discards them.
   */
  public static void removeIncompleteWrites(Path uploads) throws IOException {
    deleteTemporaries(uploads);
    deleteTemporaries(uploads.resolve("shares"));
    Path root = uploads.resolve("vault");
    deleteTemporaries(root);
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
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
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(folder, AtomicFiles.TEMP_PREFIX + "*")) {
      for (Path file : files) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}

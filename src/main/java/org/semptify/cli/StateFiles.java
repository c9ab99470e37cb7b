package org.semptify.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.semptify.admin.AdminTokenStore;
import org.semptify.config.ConfigException;
import org.semptify.config.Settings;
import org.semptify.config.SettingsLoader;
import org.semptify.json.JsonMapping;
import org.semptify.ops.EventLog;
import org.semptify.ops.SecretScrubber;
import org.semptify.store.BlobStore;
import org.semptify.store.DataRoot;
import org.semptify.store.ShareRepository;
import org.semptify.store.Storage;
import org.semptify.store.VaultRepository;
import org.semptify.store.file.FileBlobStore;
import org.semptify.store.file.FileStorage;
import org.semptify.store.file.FileVaultRepository;
import org.semptify.store.postgres.PostgresStorage;
import org.semptify.store.postgres.PostgresVaultRepository;
import org.semptify.store.s3.S3BlobStore;
import org.semptify.users.UserStore;
import org.semptify.vault.VaultDeletion;

/**
 * The state a command works on, opened through the same repositories ({@link FileStorage} on the
 * same data root, or {@link PostgresStorage} on the same database) and with the same events log as
 * the server, so that a command run while the server is up is audited and seen at once.
 */
final class StateFiles {
  final DataRoot dataRoot;
  final EventLog events;
  final AdminTokenStore adminTokens;
  final UserStore users;
  private final Storage storage;
  private final ShareRepository shares;
  private final java.time.Clock clock;
  final org.semptify.config.BlobStoreSettings blobStore;
  final org.semptify.config.VaultSettings vault;
  final org.semptify.config.SlowClientSettings slowClients;
  final java.util.Optional<org.semptify.config.Secret> secret;

  private StateFiles(CliEnvironment environment, Path dataRootOverride) {
    Settings settings =
        SettingsLoader.load(environment.variables(), environment.workingDirectory());
    this.dataRoot = new DataRoot(dataRootOverride != null ? dataRootOverride : settings.dataRoot());
    try {
      dataRoot.prepareFolders(); // never removes temp files: the server may be writing one
    } catch (IOException e) {
      throw new ConfigException(
          "SEMPTIFY_DATA_ROOT " + dataRoot.root() + " is not a writable folder");
    }
    this.storage = storage(settings, dataRoot);
    this.events =
        new EventLog(
            storage.events(settings.logMaxBytes(), settings.logBackups()),
            environment.clock(),
            new SecretScrubber());
    this.adminTokens = new AdminTokenStore(storage.adminTokens(events), environment.clock());
    this.users = new UserStore(storage.users(events), environment.clock());
    this.shares = storage.shares();
    this.clock = environment.clock();
    this.blobStore = settings.blobStore();
    this.vault = settings.vault();
    this.slowClients = settings.slowClients();
    this.secret = settings.secret();
  }

  /** The database, with {@code SEMPTIFY_STORE=postgres}; null on files. */
  PostgresStorage database() {
    return storage instanceof PostgresStorage database ? database : null;
  }

  /** Where the audit events are read back from (the events log, or the database). */
  org.semptify.ops.EventSource eventSource() {
    return storage.eventSource();
  }

  ShareRepository shares() {
    return shares;
  }

  /**
   * The bucket the server keeps the vaults' blobs in ({@code SEMPTIFY_BLOB_STORE=s3}), connected as
   * the server connects to it; null when blobs are files. The caller closes it.
   */
  S3BlobStore connectBucket() {
    return connectBucket(blobStore, vault, slowClients, clock);
  }

  /** The bucket {@code settings} name, connected as the server connects; null for file blobs. */
  static S3BlobStore connectBucket(Settings settings, java.time.Clock clock) {
    return connectBucket(settings.blobStore(), settings.vault(), settings.slowClients(), clock);
  }

  private static S3BlobStore connectBucket(
      org.semptify.config.BlobStoreSettings blobStore,
      org.semptify.config.VaultSettings vault,
      org.semptify.config.SlowClientSettings slowClients,
      java.time.Clock clock) {
    return blobStore.s3()
        ? S3BlobStore.connect(
            blobStore,
            clock,
            S3BlobStore.staleAfter(
                vault.maxUploadBytes(),
                slowClients.minBytesPerSecond(),
                slowClients.idleTimeoutSeconds()))
        : null;
  }

  /** Where the blobs live: {@code bucket} when there is one, else under {@code uploads/}. */
  BlobStore blobs(S3BlobStore bucket) {
    return bucket != null ? bucket : new FileBlobStore(dataRoot.uploads());
  }

  /**
   * The vaults' manifests and records where the server keeps them (rows in the database with {@code
   * SEMPTIFY_STORE=postgres}, else files under {@code uploads/}), with blobs in {@code blobs}.
   */
  VaultRepository vaults(BlobStore blobs) {
    return storage instanceof PostgresStorage database
        ? new PostgresVaultRepository(database.dataSource(), blobs)
        : new FileVaultRepository(dataRoot.uploads(), blobs);
  }

  /** Deletes vaults as the server does, with their blobs where they live ({@code blobs}). */
  VaultDeletion vaultDeletion(BlobStore blobs) {
    return new VaultDeletion(
        users.repository(),
        shares,
        vaults(blobs),
        events,
        clock,
        () -> {},
        VaultDeletion.pauseFromSystemProperty());
  }

  /**
   * The store the server uses: files under the data root, or with {@code SEMPTIFY_STORE=postgres}
   * the database (the files under {@code security/} are then neither read nor written).
   */
  static Storage storage(Settings settings, DataRoot dataRoot) {
    return settings.store().postgres()
        ? PostgresStorage.openForCommand(
            settings.store().database().orElseThrow(), JsonMapping.mapper())
        : new FileStorage(dataRoot, JsonMapping.mapper());
  }

  static StateFiles open(CliEnvironment environment, Path dataRootOverride) {
    return new StateFiles(environment, dataRootOverride);
  }
}

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
import org.semptify.store.DataRoot;
import org.semptify.store.file.FileStorage;
import org.semptify.users.UserStore;

/**
 * The state a command works on, opened through the same repositories ({@link FileStorage}) on the
 * same data root and with the same events log as the server, so that a command run while the server
 * is up is audited and seen at once.
 */
final class StateFiles {
  final DataRoot dataRoot;
  final EventLog events;
  final AdminTokenStore adminTokens;
  final UserStore users;
  final org.semptify.config.BlobStoreSettings blobStore;
  final org.semptify.config.VaultSettings vault;
  final org.semptify.config.SlowClientSettings slowClients;

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
    FileStorage storage = new FileStorage(dataRoot, JsonMapping.mapper());
    this.events =
        new EventLog(
            storage.events(settings.logMaxBytes(), settings.logBackups()),
            environment.clock(),
            new SecretScrubber());
    this.adminTokens = new AdminTokenStore(storage.adminTokens(events), environment.clock());
    this.users = new UserStore(storage.users(events), environment.clock());
    this.blobStore = settings.blobStore();
    this.vault = settings.vault();
    this.slowClients = settings.slowClients();
  }

  static StateFiles open(CliEnvironment environment, Path dataRootOverride) {
    return new StateFiles(environment, dataRootOverride);
  }
}

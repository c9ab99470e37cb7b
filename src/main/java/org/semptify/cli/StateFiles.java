package org.semptify.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.semptify.auth.AdminTokenStore;
import org.semptify.config.ConfigException;
import org.semptify.config.Settings;
import org.semptify.config.SettingsLoader;
import org.semptify.ops.EventLog;
import org.semptify.ops.SecretScrubber;
import org.semptify.server.JsonMapping;
import org.semptify.store.DataRoot;
import org.semptify.store.LockedJsonFile;
import org.semptify.users.UserStore;

/**
 * The state files a command works on, under the same data root and with the same events log as the
 * server, so that a command run while the server is up is audited and seen at once.
 */
final class StateFiles {
  final DataRoot dataRoot;
  final EventLog events;
  final AdminTokenStore adminTokens;
  final UserStore users;

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
    var json = JsonMapping.mapper();
    this.events =
        new EventLog(
            dataRoot.eventsLog(),
            settings.logMaxBytes(),
            settings.logBackups(),
            environment.clock(),
            json,
            new SecretScrubber());
    this.adminTokens =
        new AdminTokenStore(
            new LockedJsonFile(dataRoot.adminTokensFile()), json, events, environment.clock());
    this.users = new UserStore(new LockedJsonFile(dataRoot.usersFile()), json, events);
  }

  static StateFiles open(CliEnvironment environment, Path dataRootOverride) {
    return new StateFiles(environment, dataRootOverride);
  }
}

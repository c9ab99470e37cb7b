package org.semptify.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.semptify.json.JsonMapping;
import org.semptify.ops.EventLog;
import org.semptify.store.DataRoot;
import org.semptify.store.file.FileStorage;
import org.semptify.testing.TestEventLogs;
import org.semptify.users.UserStore;

/** Writes N accounts into a fresh data root through the real user store, in one write. */
final class Population {
  private Population() {}

  /** The tokens of the accounts created (the first one is the benchmark's user). */
  static List<UserStore.Registered> create(Path root, int users) throws IOException {
    DataRoot dataRoot = new DataRoot(root);
    dataRoot.prepare();
    var json = JsonMapping.mapper();
    EventLog events = TestEventLogs.at(dataRoot.eventsLog());
    UserStore store =
        new UserStore(new FileStorage(dataRoot, json).users(events), java.time.Clock.systemUTC());
    return store.registerAll(users, Clock.systemUTC().millis() / 1000);
  }
}

package org.semptify.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;
import org.semptify.json.JsonMapping;
import org.semptify.ops.EventLog;
import org.semptify.store.DataRoot;
import org.semptify.store.file.FileStorage;
import org.semptify.store.postgres.PostgresStorage;
import org.semptify.testing.PostgresCluster;
import org.semptify.testing.TestEventLogs;
import org.semptify.users.UserStore;

/** Writes N accounts through the real user store: into a fresh data root, or into a database. */
final class Population {
  /** Accounts per insert batch into the database (each batch one transaction). */
  private static final int DATABASE_BATCH = 10_000;

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

  /**
   * As {@link #create(Path, int)}, into table {@code users} of {@code database} on {@code cluster}
   * (real rows with real values: hashes, salts and wrapped keys), through {@code
   * PostgresUserRepository.addAll} in batches; only the first account's token is kept.
   */
  static UserStore.Registered createInDatabase(
      PostgresCluster cluster, String database, int users) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(cluster.jdbcUrl(database));
    dataSource.setUser(PostgresCluster.SUPERUSER);
    dataSource.setPassword(cluster.password());
    PrintStream nowhere =
        new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    PostgresStorage storage = PostgresStorage.on(dataSource, JsonMapping.mapper(), nowhere);
    UserStore store = new UserStore(storage.users(null), Clock.systemUTC());
    List<UserStore.Registered> first = new ArrayList<>();
    long now = Clock.systemUTC().millis() / 1000;
    for (int added = 0; added < users; added += DATABASE_BATCH) {
      List<UserStore.Registered> batch =
          store.registerAll(Math.min(DATABASE_BATCH, users - added), now);
      if (first.isEmpty()) {
        first.add(batch.get(0));
      }
    }
    return first.get(0);
  }
}

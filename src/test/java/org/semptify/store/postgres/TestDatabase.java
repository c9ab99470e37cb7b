package org.semptify.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.semptify.json.JsonMapping;
import org.semptify.testing.PostgresCluster;

/**
 * One fresh, migrated database on the test cluster, and any number of independent handles on it
 * (each its own connection pool, like another node or the command line). Close it after the test.
 */
final class TestDatabase implements AutoCloseable {
  private final PostgresCluster cluster;
  private final String name;
  private final List<HikariDataSource> pools = new ArrayList<>();
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

  private TestDatabase(PostgresCluster cluster, String name) {
    this.cluster = cluster;
    this.name = name;
  }

  static TestDatabase fresh() {
    PostgresCluster cluster = PostgresCluster.shared();
    return new TestDatabase(cluster, cluster.freshDatabase());
  }

  PostgresCluster cluster() {
    return cluster;
  }

  String name() {
    return name;
  }

  /** A new handle: its own pool of at most 8 connections on this database. */
  synchronized PostgresStorage storage() {
    return storage(pool -> pool);
  }

  /** As {@link #storage()}, on the pool as {@code wrap} returns it (e.g. counting statements). */
  synchronized PostgresStorage storage(java.util.function.UnaryOperator<DataSource> wrap) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(cluster.jdbcUrl(name));
    config.setUsername(PostgresCluster.SUPERUSER);
    config.setPassword(cluster.password());
    config.setMaximumPoolSize(8);
    config.setMinimumIdle(0);
    HikariDataSource pool = new HikariDataSource(config);
    pools.add(pool);
    return PostgresStorage.on(
        wrap.apply(pool),
        JsonMapping.mapper(),
        new PrintStream(stdout, true, StandardCharsets.UTF_8));
  }

  /** What the handles' event sinks wrote to their standard output. */
  synchronized String stdout() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void close() {
    pools.forEach(HikariDataSource::close);
    pools.clear();
    cluster.execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }
}

package org.semptify.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.semptify.config.ConfigException;
import org.semptify.config.DatabaseSettings;
import org.semptify.config.Secret;
import org.semptify.testing.PostgresCluster;

/** Start-up on a real PostgreSQL: migrations from the jar, and bad values named, never echoed. */
class PostgresDatabaseTest {
  private PostgresCluster cluster;

  @BeforeEach
  void cluster() {
    cluster = PostgresCluster.shared();
  }

  @Test
  void anEmptyDatabaseGetsTheSchemaFromTheJarAndASecondStartChangesNothing() throws Exception {
    String name = "empty_" + System.nanoTime();
    cluster.execute("postgres", "CREATE DATABASE " + name);
    try (PostgresDatabase database = PostgresDatabase.open(cluster.settings(name), "t", 2)) {
      try (Connection connection = database.dataSource().getConnection()) {
        assertThat(tables(connection))
            .contains("users", "admin_tokens", "shares", "rate_limit_hits", "events")
            .contains("key_material", "flyway_schema_history");
      }
    }
    try (PostgresDatabase again = PostgresDatabase.open(cluster.settings(name), "t", 2);
        Connection connection = again.dataSource().getConnection();
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT count(*) FROM flyway_schema_history WHERE version = '1' AND success")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void refusedCredentialsFailAtOnceNamingTheVariablesWithoutThePassword() {
    String wrong = "not-the-password-" + System.nanoTime();
    DatabaseSettings settings =
        new DatabaseSettings(
            cluster.jdbcUrl("postgres"),
            Optional.of(PostgresCluster.SUPERUSER),
            Optional.of(Secret.ofUtf8(wrong)),
            "SEMPTIFY_DATABASE_USER/SEMPTIFY_DATABASE_PASSWORD",
            30);
    long started = System.nanoTime();
    assertThatThrownBy(() -> PostgresDatabase.open(settings, "t", 1))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SEMPTIFY_DATABASE_USER/SEMPTIFY_DATABASE_PASSWORD")
        .hasMessageNotContaining(wrong)
        .hasMessageNotContaining(String.valueOf(cluster.port()));
    assertThat(System.nanoTime() - started).isLessThan(20_000_000_000L); // no 30 s wait
  }

  @Test
  void anUnreachableDatabaseIsRetriedForTheBoundedWaitThenNamed() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    DatabaseSettings settings =
        new DatabaseSettings(
            "jdbc:postgresql://127.0.0.1:" + closedPort + "/semptify?password=hunter2hunter2",
            Optional.empty(),
            Optional.empty(),
            "SEMPTIFY_DATABASE_URL",
            1);
    long started = System.nanoTime();
    assertThatThrownBy(() -> PostgresDatabase.open(settings, "t", 1))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("SEMPTIFY_DATABASE_URL")
        .hasMessageContaining("within 1 s")
        .hasMessageNotContaining("hunter2");
    long waited = System.nanoTime() - started;
    assertThat(waited).isGreaterThanOrEqualTo(1_000_000_000L).isLessThan(15_000_000_000L);
  }

  @Test
  void anUnknownDatabaseIsNamedAtOnce() {
    DatabaseSettings settings =
        new DatabaseSettings(
            cluster.jdbcUrl("no_such_database"),
            Optional.of(PostgresCluster.SUPERUSER),
            Optional.of(Secret.ofUtf8(cluster.password())),
            "SEMPTIFY_DATABASE_USER/SEMPTIFY_DATABASE_PASSWORD",
            30);
    assertThatThrownBy(() -> PostgresDatabase.open(settings, "t", 1))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SEMPTIFY_DATABASE_URL names a database that does not exist");
  }

  private static List<String> tables(Connection connection) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rows =
        connection
            .createStatement()
            .executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }
}

package org.semptify.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.semptify.config.ConfigException;
import org.semptify.config.DatabaseSettings;

/**
 * The PostgreSQL database of {@code SEMPTIFY_STORE=postgres}: a HikariCP pool on it, its schema
 * brought up to date by the Flyway migrations in the jar ({@code db/migration/V*.sql}; nodes that
 * start together take turns under Flyway's lock). Start-up waits up to {@code
 * SEMPTIFY_DATABASE_WAIT} seconds for a database that is still starting, then gives up with a
 * {@link ConfigException} naming the variable to fix; credentials the database refuses fail at
 * once. No message holds the URL, the user or the password.
 */
public final class PostgresDatabase implements AutoCloseable {
  private static final Duration PAUSE = Duration.ofMillis(500);

  private final HikariDataSource pool;

  private PostgresDatabase(HikariDataSource pool) {
    this.pool = pool;
  }

  /** Connects (retrying as above), migrates the schema and returns the pool. */
  public static PostgresDatabase open(DatabaseSettings settings, String poolName, int maxPoolSize) {
    waitUntilReachable(settings);
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    config.setJdbcUrl(settings.jdbcUrl());
    settings.user().ifPresent(config::setUsername);
    settings
        .password()
        .ifPresent(p -> config.setPassword(new String(p.bytes(), StandardCharsets.UTF_8)));
    config.setMaximumPoolSize(maxPoolSize);
    config.setMinimumIdle(Math.min(2, maxPoolSize));
    config.setConnectionTimeout(3_000);
    config.setValidationTimeout(2_000);
    config.setInitializationFailTimeout(-1); // reachability was checked above, with its own errors
    config.addDataSourceProperty("ApplicationName", "semptify");
    config.addDataSourceProperty("connectTimeout", "5");
    config.addDataSourceProperty("socketTimeout", "30");
    config.addDataSourceProperty("tcpKeepAlive", "true");
    // The application name goes in the start-up message, not in a SET after it (a round trip
    // per new connection); every supported server (10 and later) takes it there.
    config.addDataSourceProperty("assumeMinServerVersion", "10");
    HikariDataSource pool = new HikariDataSource(config);
    boolean migrated = false;
    try {
      PostgresSchema.migrate(pool);
      migrated = true;
    } finally {
      if (!migrated) {
        pool.close();
      }
    }
    return new PostgresDatabase(pool);
  }

  /**
   * As {@link #open}, without a pool: each call opens its own connection. For a command-line call
   * (a few statements, then the process ends), which leaves no pool threads behind.
   */
  public static DataSource openUnpooled(DatabaseSettings settings) {
    waitUntilReachable(settings);
    org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
    dataSource.setUrl(settings.jdbcUrl());
    settings.user().ifPresent(dataSource::setUser);
    settings
        .password()
        .ifPresent(p -> dataSource.setPassword(new String(p.bytes(), StandardCharsets.UTF_8)));
    dataSource.setApplicationName("semptify-cli");
    dataSource.setAssumeMinServerVersion("10");
    PostgresSchema.migrate(dataSource);
    return dataSource;
  }

  public DataSource dataSource() {
    return pool;
  }

  /**
   * Tries to connect until it works or {@code waitSeconds} have passed. Refused credentials and an
   * unknown database are not worth waiting for.
   */
  private static void waitUntilReachable(DatabaseSettings settings) {
    long deadline = System.nanoTime() + Duration.ofSeconds(settings.waitSeconds()).toNanos();
    org.postgresql.Driver driver = new org.postgresql.Driver();
    Properties properties = new Properties();
    settings.user().ifPresent(user -> properties.setProperty("user", user));
    settings
        .password()
        .ifPresent(
            p -> properties.setProperty("password", new String(p.bytes(), StandardCharsets.UTF_8)));
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("ApplicationName", "semptify");
    while (true) {
      String state;
      try (Connection connection = driver.connect(settings.jdbcUrl(), properties)) {
        if (connection == null) {
          throw new ConfigException(
              "SEMPTIFY_DATABASE_URL is not a PostgreSQL JDBC URL (the value is not repeated here)");
        }
        return;
      } catch (SQLException e) {
        state = e.getSQLState() == null ? "" : e.getSQLState();
      }
      if (state.startsWith("28")) { // invalid authorization: waiting will not help
        throw new ConfigException(
            settings.userVariable()
                + ": the database refused these credentials (SQLSTATE "
                + state
                + ")");
      }
      if (state.equals("3D000")) {
        throw new ConfigException(
            "SEMPTIFY_DATABASE_URL names a database that does not exist (SQLSTATE 3D000)");
      }
      if (System.nanoTime() >= deadline) {
        throw new ConfigException(
            "SEMPTIFY_DATABASE_URL: the database could not be reached within "
                + settings.waitSeconds()
                + " s (SEMPTIFY_DATABASE_WAIT)"
                + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"));
      }
      try {
        Thread.sleep(PAUSE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConfigException(
            "SEMPTIFY_DATABASE_URL: interrupted while waiting for the database");
      }
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}

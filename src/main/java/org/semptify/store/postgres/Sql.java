package org.semptify.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * How the repositories talk to the database: one connection from the pool per call, a transaction
 * committed or rolled back as a whole, and every {@link SQLException} turned into {@link
 * DatabaseUnavailableException} (a write that failed changed nothing).
 */
final class Sql {
  /** Work done on one connection; may throw what JDBC throws. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;

  /** When ({@link System#nanoTime()}) a call last succeeded: the database answered then. */
  private volatile long answeredNanos;

  private volatile boolean answeredEver;

  /** Whether the last call that ended failed (guarded by nothing: the latest ending wins). */
  private volatile boolean lastFailed = true;

  Sql(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** Runs {@code work} in auto-commit mode (one statement, or reads). */
  <T> T run(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      T result = work.run(connection);
      answered();
      return result;
    } catch (SQLException e) {
      lastFailed = true;
      throw new DatabaseUnavailableException(e);
    }
  }

  /**
   * Runs {@code work} in one transaction (read committed): committed when it returns, rolled back
   * when it throws anything.
   */
  <T> T transaction(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        answered();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      lastFailed = true;
      throw new DatabaseUnavailableException(e);
    }
  }

  private void answered() {
    answeredNanos = System.nanoTime();
    answeredEver = true;
    lastFailed = false;
  }

  /** Whether the last call that ended succeeded (false before the first). */
  boolean lastAnswered() {
    return !lastFailed;
  }

  /** Whether a call succeeded less than {@code nanos} ago. */
  boolean answeredWithin(long nanos) {
    return answeredEver && System.nanoTime() - answeredNanos < nanos;
  }

  /** A unique key was violated (SQLSTATE 23505). */
  static boolean duplicate(SQLException e) {
    return "23505".equals(e.getSQLState());
  }
}

package org.semptify.store.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import org.semptify.store.RateLimitStore;

/**
 * A sliding-window rate limit every node counts in: one row per allowed attempt in table {@code
 * rate_limit_hits}. An attempt takes a transaction-scoped advisory lock on its limit and key, drops
 * the rows that left the window, counts the rest and records itself only when there is room: of
 * concurrent attempts on any number of nodes, exactly as many as the window holds are allowed.
 *
 * <p>When the database fails, an attempt is allowed and nothing is recorded: every token and
 * account lookup then fails closed anyway (nothing can be guessed while the database is away), and
 * readiness reports the database.
 */
public final class PostgresRateLimitStore implements RateLimitStore {
  private final Sql sql;
  private final String limiter;
  private final int max;
  private final long windowMillis;
  private final Clock clock;
  private volatile long nextSweepMillis;

  /**
   * @param limiter the name of this limit ({@code admin}, {@code register}, {@code auth_fail}):
   *     keys of different limits never count together
   */
  public PostgresRateLimitStore(
      PostgresStorage storage, String limiter, int max, long windowMillis, Clock clock) {
    this.sql = storage.sql();
    this.limiter = limiter;
    this.max = max;
    this.windowMillis = windowMillis;
    this.clock = clock;
  }

  @Override
  public boolean tryAcquire(String key) {
    if (max <= 0) {
      return true;
    }
    long now = clock.millis();
    try {
      sweepIfDue(now);
      return sql.transaction(
          connection -> {
            try (PreparedStatement lock =
                connection.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
              lock.setString(1, limiter + "\n" + key);
              lock.execute();
            }
            try (PreparedStatement expire =
                connection.prepareStatement(
                    "DELETE FROM rate_limit_hits WHERE limiter = ? AND key = ? AND at_ms <= ?")) {
              expire.setString(1, limiter);
              expire.setString(2, key);
              expire.setLong(3, now - windowMillis);
              expire.executeUpdate();
            }
            if (count(connection, key, now) >= max) {
              return false;
            }
            try (PreparedStatement record =
                connection.prepareStatement(
                    "INSERT INTO rate_limit_hits (limiter, key, at_ms) VALUES (?, ?, ?)")) {
              record.setString(1, limiter);
              record.setString(2, key);
              record.setLong(3, now);
              record.executeUpdate();
            }
            return true;
          });
    } catch (DatabaseUnavailableException e) {
      return true;
    }
  }

  @Override
  public boolean exhausted(String key) {
    if (max <= 0) {
      return false;
    }
    long now = clock.millis();
    try {
      return sql.run(connection -> count(connection, key, now) >= max);
    } catch (DatabaseUnavailableException e) {
      return false;
    }
  }

  private long count(java.sql.Connection connection, String key, long now)
      throws java.sql.SQLException {
    try (PreparedStatement count =
        connection.prepareStatement(
            "SELECT count(*) FROM rate_limit_hits WHERE limiter = ? AND key = ? AND at_ms > ?")) {
      count.setString(1, limiter);
      count.setString(2, key);
      count.setLong(3, now - windowMillis);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** Now and then, drops the rows of keys that were never tried again after their window. */
  private void sweepIfDue(long now) {
    if (now < nextSweepMillis) {
      return;
    }
    nextSweepMillis = now + Math.max(1000, windowMillis / 2);
    sql.run(
        connection -> {
          try (PreparedStatement sweep =
              connection.prepareStatement(
                  "DELETE FROM rate_limit_hits WHERE limiter = ? AND at_ms <= ?")) {
            sweep.setString(1, limiter);
            sweep.setLong(2, now - windowMillis);
            return sweep.executeUpdate();
          }
        });
  }
}

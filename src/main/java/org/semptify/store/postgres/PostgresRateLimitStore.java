package org.semptify.store.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.semptify.store.RateLimitStore;

/**
 * A sliding-window rate limit every node counts in: one row per allowed attempt in table {@code
 * rate_limit_hits}. An attempt takes a transaction-scoped advisory lock on its limit and key, drops
 * the rows that left the window, counts the rest and records itself only when there is room: of
 * concurrent attempts on any number of nodes, exactly as many as the window holds are allowed.
 *
 * <p>{@link #exhausted} asks the database, except for a key it found with no attempt counted at all
 * less than {@link #QUIET_MILLIS} ago: a client whose token works checks its address on every
 * request, and has nothing counted against it. An attempt counted through this store forgets its
 * key at once (and a check that raced with it does not keep its answer), so on one node the limit
 * holds exactly; an attempt counted on another node is seen here within {@code QUIET_MILLIS}, or at
 * this node's own first failed attempt for the key, whichever comes first. At most {@link
 * #QUIET_KEYS} keys are remembered.
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

  /** How long a key found with nothing counted may be answered from memory. */
  static final long QUIET_MILLIS = 250;

  /** At most this many such keys are remembered. */
  static final int QUIET_KEYS = 4096;

  private static final long QUIET_NANOS = QUIET_MILLIS * 1_000_000L;

  /** Keys found with nothing counted, and when ({@link System#nanoTime()}) that was read. */
  private final Map<String, Long> quiet = new ConcurrentHashMap<>();

  /**
   * Counts the attempts made through this store: a check keeps its answer only if none happened.
   */
  private final AtomicLong attempts = new AtomicLong();

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
    try {
      return record(key);
    } finally {
      attempts.incrementAndGet();
      quiet.remove(key);
    }
  }

  private boolean record(String key) {
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
    Long readNanos = quiet.get(key);
    if (readNanos != null) {
      if (System.nanoTime() - readNanos < QUIET_NANOS) {
        return false;
      }
      quiet.remove(key, readNanos);
    }
    long attemptsBefore = attempts.get();
    long read = System.nanoTime();
    long now = clock.millis();
    long counted;
    try {
      counted = sql.run(connection -> count(connection, key, now));
    } catch (DatabaseUnavailableException e) {
      return false;
    }
    if (counted == 0) {
      remember(key, read);
      if (attempts.get() != attemptsBefore) {
        quiet.remove(key); // an attempt raced with the count: it may have missed it
      }
    }
    return counted >= max;
  }

  private void remember(String key, long readNanos) {
    if (quiet.size() >= QUIET_KEYS) {
      long now = System.nanoTime();
      quiet.values().removeIf(read -> now - read >= QUIET_NANOS);
      if (quiet.size() >= QUIET_KEYS) {
        quiet.clear();
      }
    }
    quiet.put(key, readNanos);
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

package org.semptify.store.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;

/**
 * Reads the versions of vault documents (a listing asks for its manifest's on every request, which
 * is what makes a change acknowledged by any node visible in the next listing on this one), with
 * one query for all the callers that ask at the same time.
 *
 * <p>At most one read is in flight. A caller who finds none sends its own query at once (one row by
 * primary key: nothing changes while the node is not busy). A caller who finds one in flight does
 * not take its answer, which may have been read before that caller asked; it joins the next read
 * instead, which starts only when the one in flight has ended, and then for every caller that
 * joined it, with one query. That read is sent after every one of its callers asked, so each of
 * them sees every change committed before it asked, as its own query would have shown it: no answer
 * is ever older than the question, and nothing is remembered between reads. Under load a node
 * therefore sends one query per round trip to the database, not one per request.
 */
final class VersionReads {
  /** One row by primary key: a caller alone. */
  static final String ONE = "SELECT version FROM vault_documents WHERE user_id = ? AND name = ?";

  /** The rows of several (user, name) pairs, in one index scan per pair. */
  static final String MANY =
      "SELECT d.user_id, d.name, d.version FROM vault_documents d"
          + " JOIN unnest(?::text[], ?::text[]) AS k(user_id, name)"
          + " ON d.user_id = k.user_id AND d.name = k.name";

  record Key(String userId, String name) {}

  /** Callers waiting for the next read, and its answer. */
  private static final class Batch {
    final Set<Key> keys = new LinkedHashSet<>();

    /** Completed when the read before this one has ended: this batch's leader may send it. */
    final CompletableFuture<Void> turn = new CompletableFuture<>();

    final CompletableFuture<Map<Key, Long>> versions = new CompletableFuture<>();
  }

  private final DataSource database;
  private final Object lock = new Object();

  /** Whether a read is in flight (guarded by {@link #lock}). */
  private boolean reading;

  /** The callers who came while it was, not read for yet (guarded by {@link #lock}). */
  private Batch next;

  VersionReads(DataSource database) {
    this.database = database;
  }

  /** The version of the document, empty when it does not exist. */
  Optional<Long> version(String userId, String name) throws SQLException {
    Key key = new Key(userId, name);
    Batch batch;
    boolean leader = false;
    synchronized (lock) {
      if (!reading) {
        reading = true;
        batch = null;
      } else {
        if (next == null) {
          next = new Batch();
          leader = true;
        }
        batch = next;
        batch.keys.add(key);
      }
    }
    if (batch == null) {
      try {
        return readOne(key);
      } finally {
        ended();
      }
    }
    if (leader) {
      batch.turn.join(); // ended() closed the batch: nobody joins it from now on
      try {
        batch.versions.complete(read(batch.keys));
      } catch (SQLException | RuntimeException | Error e) {
        batch.versions.completeExceptionally(e);
      } finally {
        ended();
      }
    }
    try {
      return Optional.ofNullable(batch.versions.join().get(key));
    } catch (CompletionException e) {
      // Every caller of a failed read fails as its own query would have: a database failure.
      Throwable cause = e.getCause();
      throw new SQLException(
          "the shared version read failed",
          cause instanceof SQLException sql ? sql.getSQLState() : null,
          cause);
    }
  }

  /** The read in flight has ended: the next batch, if any, is closed and its leader goes. */
  private void ended() {
    Batch following;
    synchronized (lock) {
      following = next;
      next = null;
      if (following == null) {
        reading = false;
        return;
      }
    }
    following.turn.complete(null);
  }

  private Optional<Long> readOne(Key key) throws SQLException {
    try (Connection connection = database.getConnection()) {
      return readOne(connection, key.userId(), key.name());
    }
  }

  /** The version on {@code connection} (a caller holding its vault's lock reads on its own). */
  static Optional<Long> readOne(Connection connection, String userId, String name)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(ONE)) {
      select.setString(1, userId);
      select.setString(2, name);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
      }
    }
  }

  private Map<Key, Long> read(Set<Key> keys) throws SQLException {
    Map<Key, Long> versions = new HashMap<>();
    if (keys.size() == 1) {
      Key key = keys.iterator().next();
      readOne(key).ifPresent(version -> versions.put(key, version));
      return versions;
    }
    String[] users = new String[keys.size()];
    String[] names = new String[keys.size()];
    int i = 0;
    for (Key key : keys) {
      users[i] = key.userId();
      names[i] = key.name();
      i++;
    }
    try (Connection connection = database.getConnection();
        PreparedStatement select = connection.prepareStatement(MANY)) {
      Array userArray = connection.createArrayOf("text", users);
      Array nameArray = connection.createArrayOf("text", names);
      select.setArray(1, userArray);
      select.setArray(2, nameArray);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          versions.put(new Key(rows.getString(1), rows.getString(2)), rows.getLong(3));
        }
      }
    }
    return versions;
  }
}

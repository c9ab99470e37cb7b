package org.semptify.store.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.semptify.ops.CheckResult;
import org.semptify.store.UnknownEntryException;
import org.semptify.store.UserAccount;
import org.semptify.store.UserRepository;

/**
 * Accounts in table {@code users}: a registration is one row insert (a bulk import, batched inserts
 * in one transaction), a change is a row locked ({@code SELECT … FOR UPDATE}), changed and written
 * back in one transaction. When the database cannot be read, lookups find nothing (fail closed) and
 * changes throw {@link DatabaseUnavailableException}.
 *
 * <p>A lookup reads the database, unless this node read the same account less than {@link
 * #CACHE_MILLIS} ago: an authenticated request looks its account up on every request, and a vault
 * open in a browser or a client sends several in a row. A change made on another node (or by the
 * command line) is therefore seen here within {@code CACHE_MILLIS} plus one query, well within the
 * second in which a disabled account or a rotated token must be refused on every node; a change
 * made through this repository empties the cache at once, and a lookup that raced with it does not
 * put its older answer back. Only accounts found are kept, never an absence (a token registered on
 * another node opens the vault here at once), and at most {@link #CACHE_ENTRIES} of them.
 */
public final class PostgresUserRepository implements UserRepository {
  private static final String COLUMNS =
      "id, hash, created_ts, enabled, expires_ts, salt, wrapped_key, sessions_ended_ms, extras";
  private static final String BY_HASH =
      "SELECT " + COLUMNS + " FROM users WHERE hash = ? ORDER BY seq LIMIT 1";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM users WHERE id = ?";

  /** How long a looked-up account may be answered from memory. */
  static final long CACHE_MILLIS = 250;

  /** At most this many accounts are remembered (by hash and by id, each). */
  static final int CACHE_ENTRIES = 4096;

  /** Accounts per batch when many are added at once (one transaction for all of them). */
  private static final int BATCH = 1000;

  private final PostgresStorage storage;
  private final Sql sql;
  private final ObjectMapper json;
  private final Map<String, Cached> byHash = new ConcurrentHashMap<>();
  private final Map<String, Cached> byId = new ConcurrentHashMap<>();

  /**
   * Counts this repository's changes: a lookup caches its answer only if none happened meanwhile.
   */
  private final AtomicLong changes = new AtomicLong();

  private record Cached(long readNanos, UserAccount account) {}

  public PostgresUserRepository(PostgresStorage storage) {
    this.storage = storage;
    this.sql = storage.sql();
    this.json = storage.json();
  }

  @Override
  public Optional<UserAccount> findByHash(String hash) {
    return findOne(true, hash);
  }

  @Override
  public Optional<UserAccount> findById(String id) {
    return findOne(false, id);
  }

  private Optional<UserAccount> findOne(boolean byHash, String value) {
    if (value == null) {
      return Optional.empty();
    }
    Map<String, Cached> cache = byHash ? this.byHash : this.byId;
    Cached cached = cache.get(value);
    if (cached != null) {
      if (System.nanoTime() - cached.readNanos() < CACHE_NANOS) {
        return Optional.of(cached.account());
      }
      cache.remove(value, cached);
    }
    long changesBefore = changes.get();
    long readNanos = System.nanoTime();
    Optional<UserAccount> found;
    try {
      found =
          sql.run(
              connection -> {
                try (PreparedStatement statement =
                    byHash
                        ? connection.prepareStatement(BY_HASH)
                        : connection.prepareStatement(BY_ID)) {
                  statement.setString(1, value);
                  try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.<UserAccount>empty();
                  }
                }
              });
    } catch (DatabaseUnavailableException e) {
      return Optional.empty(); // fail closed: nobody is found, nothing is let in
    }
    found.ifPresent(account -> remember(cache, value, new Cached(readNanos, account)));
    if (changes.get() != changesBefore) {
      forget(); // a change on this node raced with the query: its answer may be the older one
    }
    return found;
  }

  private static final long CACHE_NANOS = CACHE_MILLIS * 1_000_000L;

  private static void remember(Map<String, Cached> cache, String key, Cached entry) {
    if (cache.size() >= CACHE_ENTRIES) {
      long now = System.nanoTime();
      cache.values().removeIf(c -> now - c.readNanos() >= CACHE_NANOS);
      if (cache.size() >= CACHE_ENTRIES) {
        cache.clear();
      }
    }
    cache.put(key, entry);
  }

  /**
   * After a change through this repository (committed or not): nothing read before it is answered
   * again, and a lookup still running since before it does not keep its answer.
   */
  private void forget() {
    changes.incrementAndGet();
    byHash.clear();
    byId.clear();
  }

  private static final String ALL = "SELECT " + COLUMNS + " FROM users ORDER BY seq";
  private static final String MARKED =
      "SELECT "
          + COLUMNS
          + " FROM users WHERE extras -> '"
          + UserAccount.DELETING
          + "' IS NOT NULL ORDER BY seq";

  @Override
  public List<UserAccount> list() {
    return select(false);
  }

  /**
   * Only the rows that carry the deletion marker are read; the marker's value is Java's to judge.
   */
  @Override
  public List<UserAccount> beingDeleted() {
    return select(true).stream().filter(UserAccount::beingDeleted).toList();
  }

  /** Every account, or only those marked as being deleted (constant statements only). */
  private List<UserAccount> select(boolean marked) {
    return sql.run(
        connection -> {
          List<UserAccount> accounts = new ArrayList<>();
          try (PreparedStatement statement =
                  marked ? connection.prepareStatement(MARKED) : connection.prepareStatement(ALL);
              ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              accounts.add(read(rows));
            }
          }
          return accounts;
        });
  }

  /**
   * One account (a registration): one row insert, committed on its own. More (an import, a
   * migration): inserted in batches of {@value #BATCH} rows, all in one transaction. An id that
   * exists already fails the whole call, and nothing of it is added.
   */
  @Override
  public void addAll(List<UserAccount> accounts) {
    Set<String> ids = new HashSet<>();
    for (UserAccount account : accounts) {
      if (!ids.add(account.id())) {
        throw new IllegalStateException("user id '" + account.id() + "' is given twice");
      }
    }
    if (accounts.isEmpty()) {
      return;
    }
    try {
      if (accounts.size() == 1) {
        sql.run(connection -> insert(connection, accounts));
      } else {
        sql.transaction(connection -> insert(connection, accounts));
      }
    } catch (DatabaseUnavailableException e) {
      if (!(e.getCause() instanceof SQLException cause) || !duplicate(cause)) {
        throw e;
      }
      throw new IllegalStateException("user id '" + existing(ids) + "' exists already");
    } finally {
      forget();
    }
  }

  private Void insert(Connection connection, List<UserAccount> accounts) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
      if (accounts.size() == 1) {
        bind(insert, accounts.get(0));
        insert.executeUpdate();
        return null;
      }
      int pending = 0;
      for (UserAccount account : accounts) {
        bind(insert, account);
        insert.addBatch();
        if (++pending == BATCH) {
          insert.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        insert.executeBatch();
      }
    }
    return null;
  }

  /** A unique key was violated, by a statement or by one of a batch's. */
  private static boolean duplicate(SQLException e) {
    for (SQLException next = e; next != null; next = next.getNextException()) {
      if (Sql.duplicate(next)
          || next.getCause() instanceof SQLException cause && Sql.duplicate(cause)) {
        return true;
      }
    }
    return false;
  }

  /** One of {@code ids} that the table holds (after an insert of them failed on a duplicate). */
  private String existing(Set<String> ids) {
    return sql.run(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT id FROM users WHERE id = ANY (?) LIMIT 1")) {
            select.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = select.executeQuery()) {
              return rows.next() ? rows.getString(1) : "?";
            }
          }
        });
  }

  @Override
  public UserAccount update(String id, UnaryOperator<UserAccount> change) {
    try {
      return changeRow(id, change);
    } finally {
      forget();
    }
  }

  private UserAccount changeRow(String id, UnaryOperator<UserAccount> change) {
    return sql.transaction(
        connection -> {
          UserAccount current = lockedRow(connection, id);
          UserAccount changed = change.apply(current);
          if (!changed.id().equals(id)) {
            throw new IllegalArgumentException("a change may not alter the id");
          }
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE users SET id = ?, hash = ?, created_ts = ?, enabled = ?, expires_ts = ?,"
                      + " salt = ?, wrapped_key = ?, sessions_ended_ms = ?, extras = ?::jsonb"
                      + " WHERE id = ?")) {
            bind(update, changed);
            update.setString(10, id);
            update.executeUpdate();
          }
          return changed;
        });
  }

  private UserAccount lockedRow(Connection connection, String id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ? FOR UPDATE")) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw new UnknownEntryException(id);
        }
        return read(rows);
      }
    }
  }

  private void bind(PreparedStatement statement, UserAccount account) throws SQLException {
    statement.setString(1, account.id());
    statement.setString(2, account.hash());
    statement.setLong(3, account.createdTs());
    statement.setBoolean(4, account.enabled());
    if (account.expiresTs() == null) {
      statement.setNull(5, Types.BIGINT);
    } else {
      statement.setLong(5, account.expiresTs());
    }
    statement.setString(6, account.salt());
    statement.setString(7, account.wrappedKey());
    statement.setLong(8, account.sessionsEndedMs());
    statement.setString(9, Extras.write(json, account.extras()));
  }

  private UserAccount read(ResultSet rows) throws SQLException {
    long expires = rows.getLong("expires_ts");
    Long expiresTs = rows.wasNull() ? null : expires;
    return new UserAccount(
        rows.getString("id"),
        rows.getString("hash"),
        rows.getLong("created_ts"),
        rows.getBoolean("enabled"),
        expiresTs,
        rows.getString("salt"),
        rows.getString("wrapped_key"),
        rows.getLong("sessions_ended_ms"),
        Extras.read(json, rows.getString("extras")));
  }

  @Override
  public boolean delete(String id) {
    try {
      return deleteRow(id);
    } finally {
      forget();
    }
  }

  private boolean deleteRow(String id) {
    return sql.run(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM users WHERE id = ?")) {
            delete.setString(1, id);
            return delete.executeUpdate() > 0;
          }
        });
  }

  /** Without a round trip while the database answers ({@link PostgresStorage#knownProblem}). */
  @Override
  public String problem() {
    return storage.knownProblem();
  }

  @Override
  public String name() {
    return "users";
  }

  @Override
  public CheckResult check() {
    String problem = storage.problem();
    return problem == null ? CheckResult.ok("database") : CheckResult.failed(problem);
  }
}

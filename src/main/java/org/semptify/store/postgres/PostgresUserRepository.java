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
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.semptify.ops.CheckResult;
import org.semptify.store.UnknownEntryException;
import org.semptify.store.UserAccount;
import org.semptify.store.UserRepository;

/**
 * Accounts in table {@code users}: every lookup reads the database (a change made on any node is
 * seen by the next one), a registration is one row insert, a change is a row locked ({@code SELECT
 * … FOR UPDATE}), changed and written back in one transaction. When the database cannot be read,
 * lookups find nothing (fail closed) and changes throw {@link DatabaseUnavailableException}.
 */
public final class PostgresUserRepository implements UserRepository {
  private static final String COLUMNS =
      "id, hash, created_ts, enabled, expires_ts, salt, wrapped_key, sessions_ended_ms, extras";
  private static final String BY_HASH =
      "SELECT " + COLUMNS + " FROM users WHERE hash = ? ORDER BY seq LIMIT 1";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM users WHERE id = ?";

  private final PostgresStorage storage;
  private final Sql sql;
  private final ObjectMapper json;

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
    try {
      return sql.run(
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
  }

  @Override
  public List<UserAccount> list() {
    return sql.run(
        connection -> {
          List<UserAccount> accounts = new ArrayList<>();
          try (PreparedStatement statement =
                  connection.prepareStatement("SELECT " + COLUMNS + " FROM users ORDER BY seq");
              ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              accounts.add(read(rows));
            }
          }
          return accounts;
        });
  }

  @Override
  public void addAll(List<UserAccount> accounts) {
    Set<String> ids = new HashSet<>();
    for (UserAccount account : accounts) {
      if (!ids.add(account.id())) {
        throw new IllegalStateException("user id '" + account.id() + "' is given twice");
      }
    }
    sql.transaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO users ("
                      + COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)"
                      + " ON CONFLICT (id) DO NOTHING")) {
            for (UserAccount account : accounts) {
              bind(insert, account);
              if (insert.executeUpdate() == 0) {
                throw new IllegalStateException("user id '" + account.id() + "' exists already");
              }
            }
          }
          return null;
        });
  }

  @Override
  public UserAccount update(String id, UnaryOperator<UserAccount> change) {
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
    return sql.run(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM users WHERE id = ?")) {
            delete.setString(1, id);
            return delete.executeUpdate() > 0;
          }
        });
  }

  @Override
  public String problem() {
    return storage.problem();
  }

  @Override
  public String name() {
    return "users";
  }

  @Override
  public CheckResult check() {
    String problem = problem();
    return problem == null ? CheckResult.ok("database") : CheckResult.failed(problem);
  }
}

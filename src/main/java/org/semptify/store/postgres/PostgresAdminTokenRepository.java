package org.semptify.store.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.semptify.ops.CheckResult;
import org.semptify.store.AdminRole;
import org.semptify.store.AdminToken;
import org.semptify.store.AdminTokenRepository;
import org.semptify.store.DuplicateEntryException;
import org.semptify.store.UnknownEntryException;

/**
 * Admin tokens in table {@code admin_tokens}, as hashes only. Changes lock the rows they change; a
 * breakglass token is spent by one conditional {@code UPDATE … WHERE used_ts IS NULL … RETURNING},
 * so of any number of nodes and threads exactly one use wins.
 */
public final class PostgresAdminTokenRepository implements AdminTokenRepository {
  private static final String COLUMNS =
      "id, hash, created_ts, enabled, breakglass, expires_ts, used_ts, sessions_ended_ms, extras,"
          + " role";
  private static final String BY_HASH =
      "SELECT " + COLUMNS + " FROM admin_tokens WHERE hash = ? ORDER BY seq LIMIT 1";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM admin_tokens WHERE id = ?";

  private final PostgresStorage storage;
  private final Sql sql;
  private final ObjectMapper json;

  public PostgresAdminTokenRepository(PostgresStorage storage) {
    this.storage = storage;
    this.sql = storage.sql();
    this.json = storage.json();
  }

  @Override
  public Optional<AdminToken> findByHash(String hash) {
    return findOne(true, hash);
  }

  @Override
  public Optional<AdminToken> findById(String id) {
    return findOne(false, id);
  }

  private Optional<AdminToken> findOne(boolean byHash, String value) {
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
                return rows.next() ? Optional.of(read(rows)) : Optional.<AdminToken>empty();
              }
            }
          });
    } catch (DatabaseUnavailableException e) {
      return Optional.empty(); // fail closed: nobody is found, nothing is let in
    }
  }

  @Override
  public List<AdminToken> list() {
    return sql.run(
        connection -> {
          List<AdminToken> tokens = new ArrayList<>();
          try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT " + COLUMNS + " FROM admin_tokens ORDER BY seq");
              ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              tokens.add(read(rows));
            }
          }
          return tokens;
        });
  }

  @Override
  public void add(AdminToken token) {
    sql.run(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO admin_tokens ("
                      + COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (id) DO NOTHING")) {
            bind(insert, token);
            if (insert.executeUpdate() == 0) {
              throw new DuplicateEntryException("a token with id '" + token.id() + "' exists");
            }
          }
          return null;
        });
  }

  @Override
  public AdminToken update(String id, UnaryOperator<AdminToken> change) {
    return sql.transaction(
        connection -> {
          AdminToken current;
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + COLUMNS + " FROM admin_tokens WHERE id = ? FOR UPDATE")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
              if (!rows.next()) {
                throw new UnknownEntryException(id);
              }
              current = read(rows);
            }
          }
          AdminToken changed = change.apply(current);
          write(connection, id, changed);
          return changed;
        });
  }

  @Override
  public int updateAll(UnaryOperator<AdminToken> change) {
    return sql.transaction(
        connection -> {
          List<AdminToken> current = new ArrayList<>();
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT " + COLUMNS + " FROM admin_tokens ORDER BY seq FOR UPDATE");
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              current.add(read(rows));
            }
          }
          int replaced = 0;
          for (AdminToken token : current) {
            AdminToken changed = change.apply(token);
            if (changed != token) {
              write(connection, token.id(), changed);
              replaced++;
            }
          }
          return replaced;
        });
  }

  @Override
  public boolean consumeBreakglass(String id, long nowSeconds) {
    return sql.run(
        connection -> {
          try (PreparedStatement consume =
              connection.prepareStatement(
                  "UPDATE admin_tokens SET used_ts = ?, enabled = false, breakglass = false"
                      + " WHERE id = ? AND breakglass AND enabled AND used_ts IS NULL"
                      + " AND (expires_ts IS NULL OR expires_ts > ?) RETURNING id")) {
            consume.setLong(1, nowSeconds);
            consume.setString(2, id);
            consume.setLong(3, nowSeconds);
            try (ResultSet rows = consume.executeQuery()) {
              return rows.next();
            }
          }
        });
  }

  private void write(java.sql.Connection connection, String id, AdminToken changed)
      throws SQLException {
    if (!changed.id().equals(id)) {
      throw new IllegalArgumentException("a change may not alter the id");
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE admin_tokens SET id = ?, hash = ?, created_ts = ?, enabled = ?,"
                + " breakglass = ?, expires_ts = ?, used_ts = ?, sessions_ended_ms = ?,"
                + " extras = ?::jsonb, role = ? WHERE id = ?")) {
      bind(update, changed);
      update.setString(11, id);
      update.executeUpdate();
    }
  }

  private void bind(PreparedStatement statement, AdminToken token) throws SQLException {
    statement.setString(1, token.id());
    statement.setString(2, token.hash());
    statement.setLong(3, token.createdTs());
    statement.setBoolean(4, token.enabled());
    statement.setBoolean(5, token.breakglass());
    setLong(statement, 6, token.expiresTs());
    setLong(statement, 7, token.usedTs());
    statement.setLong(8, token.sessionsEndedMs());
    statement.setString(9, Extras.write(json, token.extras()));
    statement.setString(10, token.role().wireName());
  }

  private static void setLong(PreparedStatement statement, int index, Long value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }

  private static Long getLong(ResultSet rows, String column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }

  private AdminToken read(ResultSet rows) throws SQLException {
    return new AdminToken(
        rows.getString("id"),
        rows.getString("hash"),
        rows.getLong("created_ts"),
        rows.getBoolean("enabled"),
        rows.getBoolean("breakglass"),
        getLong(rows, "expires_ts"),
        getLong(rows, "used_ts"),
        false,
        rows.getLong("sessions_ended_ms"),
        Extras.read(json, rows.getString("extras")),
        AdminRole.parse(rows.getString("role"))
            .orElseThrow(() -> new SQLException("admin_tokens.role is not a known role", "22000")));
  }

  @Override
  public String problem() {
    return storage.problem();
  }

  @Override
  public String name() {
    return "admin_tokens";
  }

  @Override
  public CheckResult check() {
    String problem = problem();
    return problem == null ? CheckResult.ok("database") : CheckResult.failed(problem);
  }
}

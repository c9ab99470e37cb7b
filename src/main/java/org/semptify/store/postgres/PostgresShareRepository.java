package org.semptify.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.semptify.store.Share;
import org.semptify.store.ShareRepository;

/**
 * Shares in table {@code shares}, one row each: a share revoked on one node no longer opens on any
 * other (every lookup reads the row).
 */
public final class PostgresShareRepository implements ShareRepository {
  private static final TypeReference<List<String>> IDS = new TypeReference<>() {};

  private final Sql sql;
  private final ObjectMapper json;

  public PostgresShareRepository(PostgresStorage storage) {
    this.sql = storage.sql();
    this.json = storage.json();
  }

  @Override
  public void put(Share share) {
    String docIds;
    try {
      docIds = json.writeValueAsString(share.docIds());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("document ids could not be serialised", e);
    }
    sql.run(
        connection -> {
          try (PreparedStatement upsert =
              connection.prepareStatement(
                  "INSERT INTO shares (share_id, user_id, hash, salt, wrapped_key, created_ts,"
                      + " expires_ts, doc_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)"
                      + " ON CONFLICT (share_id) DO UPDATE SET user_id = EXCLUDED.user_id,"
                      + " hash = EXCLUDED.hash, salt = EXCLUDED.salt,"
                      + " wrapped_key = EXCLUDED.wrapped_key, created_ts = EXCLUDED.created_ts,"
                      + " expires_ts = EXCLUDED.expires_ts, doc_ids = EXCLUDED.doc_ids")) {
            upsert.setString(1, share.shareId());
            upsert.setString(2, share.userId());
            upsert.setString(3, share.hash());
            upsert.setString(4, share.salt());
            upsert.setString(5, share.wrappedKey());
            upsert.setLong(6, share.createdTs());
            upsert.setLong(7, share.expiresTs());
            upsert.setString(8, docIds);
            upsert.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<Share> find(String shareId) {
    if (shareId == null || shareId.isEmpty()) {
      return Optional.empty();
    }
    try {
      return sql.run(
          connection -> {
            try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT share_id, user_id, hash, salt, wrapped_key, created_ts, expires_ts,"
                        + " doc_ids FROM shares WHERE share_id = ?")) {
              select.setString(1, shareId);
              try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.<Share>empty();
              }
            }
          });
    } catch (DatabaseUnavailableException e) {
      return Optional.empty(); // fail closed: the link opens nothing
    }
  }

  @Override
  public boolean deleteOwned(String userId, String shareId) {
    return sql.run(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM shares WHERE share_id = ? AND user_id = ?")) {
            delete.setString(1, shareId);
            delete.setString(2, userId);
            return delete.executeUpdate() > 0;
          }
        });
  }

  @Override
  public List<String> idsOwnedBy(String userId) {
    return sql.run(
        connection -> {
          List<String> ids = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT share_id FROM shares WHERE user_id = ? ORDER BY share_id")) {
            select.setString(1, userId);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                ids.add(rows.getString(1));
              }
            }
          }
          return ids;
        });
  }

  @Override
  public List<String> allIds() {
    return sql.run(
        connection -> {
          List<String> ids = new ArrayList<>();
          try (PreparedStatement select =
                  connection.prepareStatement("SELECT share_id FROM shares ORDER BY share_id");
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              ids.add(rows.getString(1));
            }
          }
          return ids;
        });
  }

  private Share read(ResultSet rows) throws SQLException {
    List<String> docIds;
    try {
      docIds = List.copyOf(json.readValue(rows.getString("doc_ids"), IDS));
    } catch (JsonProcessingException e) {
      throw new SQLException("doc_ids is not a JSON array of strings", "22000");
    }
    return new Share(
        rows.getString("share_id"),
        rows.getString("user_id"),
        rows.getString("hash"),
        rows.getString("salt"),
        rows.getString("wrapped_key"),
        rows.getLong("created_ts"),
        rows.getLong("expires_ts"),
        docIds);
  }
}

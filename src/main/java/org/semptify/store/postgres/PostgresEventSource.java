package org.semptify.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.semptify.ops.EventSource;

/**
 * Reads table {@code events} back in the order the events were stored, each as the JSON object of
 * an {@code events.log} line, streaming (a cursor, not the whole table in memory).
 */
public final class PostgresEventSource implements EventSource {
  private static final int FETCH = 500;
  private static final String OLDEST_FIRST =
      "SELECT ts, event, request_id, payload FROM events ORDER BY seq ASC";
  private static final String NEWEST_FIRST =
      "SELECT ts, event, request_id, payload FROM events ORDER BY seq DESC";

  private final Sql sql;
  private final ObjectMapper json;

  public PostgresEventSource(PostgresStorage storage) {
    this.sql = storage.sql();
    this.json = storage.json();
  }

  @Override
  public List<JsonNode> recent(int limit, Predicate<JsonNode> filter) {
    Deque<JsonNode> kept = new ArrayDeque<>();
    scan(
        "DESC",
        (node, line) -> {
          if (filter.test(node)) {
            kept.addFirst(node);
          }
          return kept.size() < limit;
        });
    return List.copyOf(kept);
  }

  @Override
  public Page newestFirst(int skip, int limit, Predicate<JsonNode> filter) {
    List<JsonNode> kept = new ArrayList<>(limit);
    int[] skipped = {0};
    boolean[] more = {false};
    scan(
        "DESC",
        (node, line) -> {
          if (!filter.test(node)) {
            return true;
          }
          if (skipped[0] < skip) {
            skipped[0]++;
            return true;
          }
          if (kept.size() < limit) {
            kept.add(node);
            return true;
          }
          more[0] = true;
          return false;
        });
    return new Page(List.copyOf(kept), more[0]);
  }

  @Override
  public void forEach(Predicate<JsonNode> filter, Consumer<JsonNode> action) {
    scan(
        "ASC",
        (node, line) -> {
          if (filter.test(node)) {
            action.accept(node);
          }
          return true;
        });
  }

  @Override
  public void forEachStoredLine(Predicate<JsonNode> filter, Consumer<String> action) {
    scan(
        "ASC",
        (node, line) -> {
          if (filter.test(node)) {
            action.accept(line);
          }
          return true;
        });
  }

  /** Visits events in {@code order} of storage until {@code visitor} returns false. */
  private void scan(String order, Visitor visitor) {
    sql.transaction( // a cursor (fetch size) needs a transaction
        connection -> {
          visit(connection, order, visitor);
          return null;
        });
  }

  private void visit(Connection connection, String order, Visitor visitor) throws SQLException {
    try (PreparedStatement select =
        "DESC".equals(order)
            ? connection.prepareStatement(NEWEST_FIRST)
            : connection.prepareStatement(OLDEST_FIRST)) {
      select.setFetchSize(FETCH);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ObjectNode node = json.createObjectNode();
          node.put("ts", rows.getBigDecimal("ts"));
          node.put("event", rows.getString("event"));
          node.put("request_id", rows.getString("request_id"));
          try {
            node.set("payload", json.readTree(rows.getString("payload")));
            if (!visitor.visit(node, json.writeValueAsString(node))) {
              return;
            }
          } catch (JsonProcessingException e) {
            // the column is json: it always parses; skip the row if it ever does not
          }
        }
      }
    }
  }

  @FunctionalInterface
  private interface Visitor {
    /** Returns whether to go on. */
    boolean visit(JsonNode node, String line);
  }
}

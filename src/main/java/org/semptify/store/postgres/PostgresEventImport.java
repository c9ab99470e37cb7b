package org.semptify.store.postgres;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.semptify.ops.EventSource;

/**
 * Copies stored audit events (the lines of {@code logs/events.log} and its rotated files) into
 * table {@code events}, oldest first, without duplicating any: an event the table holds already
 * (same {@code ts}, name, request id and payload; as many times as the source has it) is counted,
 * not added again, so a second run adds nothing.
 */
public final class PostgresEventImport {
  private static final int BATCH = 500;

  /** How many events were added, found there already, and lines that were not events. */
  public record Result(int copied, int alreadyThere, int unreadable) {}

  private final Sql sql;
  private final ObjectReader reader;
  private final ObjectWriter writer;

  public PostgresEventImport(PostgresStorage storage) {
    this.sql = storage.sql();
    // Numbers keep their exact digits, so a payload is stored as it was written.
    this.reader = storage.json().reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    this.writer = storage.json().writer().with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  }

  private record Row(BigDecimal ts, String event, String requestId, String payload) {}

  /** Adds every event of {@code source} the table does not hold yet. */
  public Result copyFrom(EventSource source) {
    Map<String, Integer> present = presentEvents();
    List<Row> batch = new ArrayList<>(BATCH);
    int[] counts = new int[3]; // copied, there already, unreadable
    source.forEachStoredLine(
        event -> true,
        line -> {
          Row row = parse(line);
          if (row == null) {
            counts[2]++;
            return;
          }
          String key = key(row);
          Integer seen = present.get(key);
          if (seen != null && seen > 0) {
            present.put(key, seen - 1);
            counts[1]++;
            return;
          }
          batch.add(row);
          counts[0]++;
          if (batch.size() == BATCH) {
            insert(batch);
            batch.clear();
          }
        });
    insert(batch);
    return new Result(counts[0], counts[1], counts[2]);
  }

  /** The events in the table, as keys with how many times each is there. */
  private Map<String, Integer> presentEvents() {
    Map<String, Integer> present = new HashMap<>();
    sql.transaction( // a cursor (fetch size) needs a transaction
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT ts, event, request_id, payload FROM events")) {
            select.setFetchSize(BATCH);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                Row row =
                    new Row(
                        rows.getBigDecimal(1),
                        rows.getString(2),
                        rows.getString(3),
                        canonical(rows.getString(4)));
                if (row.payload() != null) {
                  present.merge(key(row), 1, Integer::sum);
                }
              }
            }
          }
          return null;
        });
    return present;
  }

  private Row parse(String line) {
    try {
      JsonNode node = reader.readTree(line);
      JsonNode ts = node.get("ts");
      JsonNode event = node.get("event");
      JsonNode payload = node.get("payload");
      if (ts == null || !ts.isNumber() || event == null || !event.isTextual()) {
        return null;
      }
      JsonNode requestId = node.get("request_id");
      return new Row(
          ts.decimalValue(),
          event.asText(),
          requestId == null || requestId.isNull() ? null : requestId.asText(),
          payload == null || payload.isNull() ? "{}" : writer.writeValueAsString(payload));
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private String canonical(String payload) {
    try {
      return writer.writeValueAsString(reader.readTree(payload));
    } catch (JsonProcessingException e) {
      return null; // the column is json: it always parses
    }
  }

  /** SHA-256 over the event's fields as they compare (ts to the millisecond). */
  private static String key(Row row) {
    String text =
        row.ts().setScale(3, RoundingMode.HALF_UP).toPlainString()
            + '\0'
            + row.event()
            + '\0'
            + (row.requestId() == null ? "\u0001" : row.requestId())
            + '\0'
            + row.payload();
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void insert(List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    sql.transaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO events (ts, event, request_id, payload) VALUES (?, ?, ?, ?::json)")) {
            for (Row row : rows) {
              insert.setBigDecimal(1, row.ts().setScale(3, RoundingMode.HALF_UP));
              insert.setString(2, row.event());
              insert.setString(3, row.requestId());
              insert.setString(4, row.payload());
              insert.addBatch();
            }
            insert.executeBatch();
          }
          return null;
        });
  }
}

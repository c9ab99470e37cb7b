package org.semptify.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.semptify.ops.EventLogUnavailableException;
import org.semptify.ops.EventSink;
import org.semptify.ops.StoredEvent;

/**
 * Audit events in table {@code events} (same fields as {@code logs/events.log}), committed before
 * {@link #append} returns, and then written as the same JSON line to standard output, so a hosting
 * platform's log pipeline gets every node's events.
 */
public final class PostgresEventSink implements EventSink {
  private final PostgresStorage storage;
  private final Sql sql;
  private final ObjectMapper json;
  private final PrintStream stdout;
  private volatile boolean lastSucceeded = true;

  public PostgresEventSink(PostgresStorage storage, PrintStream stdout) {
    this.storage = storage;
    this.sql = storage.sql();
    this.json = storage.json();
    this.stdout = stdout;
  }

  @Override
  public void append(StoredEvent event) {
    String payload;
    String line;
    try {
      payload = json.writeValueAsString(event.payload());
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("ts", event.ts());
      fields.put("event", event.event());
      fields.put("request_id", event.requestId());
      fields.put("payload", event.payload());
      line = json.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event could not be serialised", e);
    }
    try {
      sql.run(
          connection -> {
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO events (ts, event, request_id, payload) VALUES (?, ?, ?, ?::json)")) {
              insert.setBigDecimal(1, event.ts());
              insert.setString(2, event.event());
              insert.setString(3, event.requestId());
              insert.setString(4, payload);
              insert.executeUpdate();
            }
            return null;
          });
    } catch (DatabaseUnavailableException e) {
      lastSucceeded = false;
      throw new EventLogUnavailableException(e);
    }
    lastSucceeded = true;
    stdout.println(line);
  }

  /** The database answers (probed at most once a second; a failed append shows at once). */
  @Override
  public boolean writable() {
    return storage.problem() == null;
  }

  @Override
  public boolean lastAppendSucceeded() {
    return lastSucceeded;
  }
}

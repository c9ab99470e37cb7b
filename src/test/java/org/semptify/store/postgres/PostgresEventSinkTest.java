package org.semptify.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.semptify.ops.EventSink;
import org.semptify.ops.EventSource;
import org.semptify.ops.StoredEvent;
import org.semptify.store.EventSinkContract;

/**
 * Table {@code events} passes the event-sink contract; each event also goes to standard output as
 * the same JSON line as in events.log, and reads back the same way.
 */
class PostgresEventSinkTest extends EventSinkContract {
  private TestDatabase database;

  @Override
  protected EventSink create() {
    database = TestDatabase.fresh();
    return another();
  }

  @Override
  protected EventSink another() {
    return database.storage().events(0, 0);
  }

  @Override
  protected List<StoredEvent> stored() {
    List<StoredEvent> events = new ArrayList<>();
    database
        .storage()
        .eventSource()
        .forEach(
            node -> true,
            node ->
                events.add(
                    new StoredEvent(
                        node.get("ts").decimalValue(),
                        node.get("event").asText(),
                        node.get("request_id").isNull() ? null : node.get("request_id").asText(),
                        database
                            .storage()
                            .json()
                            .convertValue(
                                node.get("payload"),
                                new com.fasterxml.jackson.core.type.TypeReference<
                                    Map<String, Object>>() {}))));
    return events;
  }

  @AfterEach
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }

  @Test
  void eachEventIsAlsoOneJsonLineOnStandardOutputAndReadsBackAsStored() {
    sink().append(event("error", "req-1", Map.of("route", "/r")));
    sink().append(event("admin_login", null, Map.of()));
    String line =
        "{\"ts\":1699123456.789,\"event\":\"error\",\"request_id\":\"req-1\","
            + "\"payload\":{\"route\":\"/r\"}}";
    assertThat(database.stdout().lines().toList())
        .containsExactly(
            line,
            "{\"ts\":1699123456.789,\"event\":\"admin_login\",\"request_id\":null,"
                + "\"payload\":{}}");

    EventSource source = database.storage().eventSource();
    List<String> lines = new ArrayList<>();
    source.forEachStoredLine(node -> true, lines::add);
    assertThat(lines.get(0)).isEqualTo(line);
    List<JsonNode> recent = source.recent(1, node -> true);
    assertThat(recent).hasSize(1);
    assertThat(recent.get(0).get("event").asText()).isEqualTo("admin_login");
    assertThat(source.recent(5, node -> node.get("event").asText().equals("error")))
        .extracting(node -> node.get("request_id").asText())
        .containsExactly("req-1");
  }
}

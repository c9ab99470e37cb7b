package org.semptify.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.json.JsonMapping;
import org.semptify.ops.EventLogUnavailableException;
import org.semptify.ops.EventSink;
import org.semptify.ops.StoredEvent;
import org.semptify.store.EventSinkContract;

/** logs/events.log passes the contract, and refuses (fails closed) when it cannot be written. */
class FileEventSinkTest extends EventSinkContract {
  private static final ObjectMapper JSON = JsonMapping.mapper();
  @TempDir Path logs;

  @Override
  protected EventSink create() {
    return another();
  }

  @Override
  protected EventSink another() {
    return new FileEventSink(logs.resolve("events.log"), 1 << 20, 2, JSON);
  }

  @Override
  protected List<StoredEvent> stored() throws Exception {
    List<StoredEvent> events = new ArrayList<>();
    for (String line : Files.readAllLines(logs.resolve("events.log"))) {
      JsonNode node = JSON.readTree(line);
      events.add(
          new StoredEvent(
              node.get("ts").decimalValue(),
              node.get("event").asText(),
              node.get("request_id").isNull() ? null : node.get("request_id").asText(),
              JSON.convertValue(node.get("payload"), new TypeReference<Map<String, Object>>() {})));
    }
    return events;
  }

  @Test
  void eachEventIsOneLineInTheSeedsShape() throws Exception {
    sink().append(event("error", "req-1", Map.of("route", "/r")));
    assertThat(Files.readString(logs.resolve("events.log")))
        .isEqualTo(
            "{\"ts\":1699123456.789,\"event\":\"error\",\"request_id\":\"req-1\","
                + "\"payload\":{\"route\":\"/r\"}}\n");
  }

  @Test
  void aReadOnlyLogFolderRefusesTheEventAndSaysSoBeforehand() throws Exception {
    Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("r-x------"));
    try {
      assertThat(sink().writable()).isFalse();
      assertThatThrownBy(() -> sink().append(event("error", null, Map.of())))
          .isInstanceOf(EventLogUnavailableException.class);
      assertThat(logs.resolve("events.log")).doesNotExist();
    } finally {
      Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwx------"));
    }
  }
}

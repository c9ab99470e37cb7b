package org.semptify.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.json.JsonMapping;
import org.semptify.store.file.FileEventSink;

class EventLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock FIXED =
      Clock.fixed(Instant.ofEpochMilli(1_699_123_456_789L), ZoneOffset.UTC);

  @TempDir Path logs;

  private EventLog log(long maxBytes, int backups, SecretScrubber scrubber) {
    return new EventLog(
        new FileEventSink(logs.resolve("events.log"), maxBytes, backups, JsonMapping.mapper()),
        FIXED,
        scrubber);
  }

  private List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      nodes.add(JSON.readTree(line));
    }
    return nodes;
  }

  @Test
  void writesTheSeedsShapePlusRequestId() throws Exception {
    log(1 << 20, 5, new SecretScrubber())
        .record(
            EventType.ERROR,
            "req-1",
            Payload.of(EventField.EXCEPTION, "java.lang.X").with(EventField.ROUTE, "/r"));
    String text = Files.readString(logs.resolve("events.log"));
    assertThat(text)
        .isEqualTo(
            "{\"ts\":1699123456.789,\"event\":\"error\",\"request_id\":\"req-1\","
                + "\"payload\":{\"exception\":\"java.lang.X\",\"route\":\"/r\"}}\n");
    assertThat(Files.getPosixFilePermissions(logs.resolve("events.log")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void requestIdIsNullOutsideARequest() throws Exception {
    log(1 << 20, 5, new SecretScrubber())
        .record(EventType.SERVER_STARTED, null, Payload.of(EventField.MODE, "open"));
    assertThat(lines(logs.resolve("events.log")).get(0).get("request_id").isNull()).isTrue();
  }

  @Test
  void fieldsOutsideTheEventsCatalogueEntryAreRefused() {
    EventLog log = log(1 << 20, 5, new SecretScrubber());
    assertThatThrownBy(
            () -> log.record(EventType.SERVER_STARTED, null, Payload.of(EventField.USER_ID, "u")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tokensAndRegisteredSecretsNeverReachTheFile() throws Exception {
    SecretScrubber scrubber = new SecretScrubber();
    scrubber.register("legacy-admin-secret-value".getBytes());
    EventLog log = log(1 << 20, 5, scrubber);
    String token = "smpa_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg_1a2b3c";
    for (EventType type : EventType.values()) {
      Payload payload = Payload.empty();
      for (EventField field : type.fields()) {
        payload.with(field, "x " + token + " legacy-admin-secret-value y");
      }
      log.record(type, "r", payload);
    }
    String text = Files.readString(logs.resolve("events.log"));
    assertThat(text)
        .doesNotContain(token)
        .doesNotContain("legacy-admin-secret-value")
        .contains("[redacted]");
  }

  @Test
  void rotatesBySizeKeepingAtMostTheConfiguredBackups() throws Exception {
    EventLog log = log(1024, 2, new SecretScrubber());
    for (int i = 0; i < 100; i++) {
      log.record(EventType.ERROR, "req-" + i, Payload.of(EventField.ROUTE, "r" + i));
    }
    try (Stream<Path> files = Files.list(logs)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "events.log", "events.log.1", "events.log.2", "events.log.lock");
    }
    for (String name : List.of("events.log", "events.log.1", "events.log.2")) {
      Path file = logs.resolve(name);
      assertThat(Files.size(file)).isLessThanOrEqualTo(1024);
      for (JsonNode node : lines(file)) {
        assertThat(node.get("event").asText()).isEqualTo("error");
      }
    }
    // The newest lines are in events.log, the ones just before them at the end of .1.
    List<JsonNode> current = lines(logs.resolve("events.log"));
    assertThat(sequence(current.get(current.size() - 1))).isEqualTo(99);
    List<JsonNode> previous = lines(logs.resolve("events.log.1"));
    assertThat(sequence(previous.get(previous.size() - 1))).isEqualTo(sequence(current.get(0)) - 1);
  }

  private static int sequence(JsonNode event) {
    return Integer.parseInt(event.get("payload").get("route").asText().substring(1));
  }

  @Test
  void concurrentWritersNeverInterleaveOrLoseLines() throws Exception {
    EventLog log = log(64 * 1024, 50, new SecretScrubber());
    int threads = 8;
    int perThread = 250;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                  log.record(
                      EventType.ERROR,
                      "t" + thread + "-" + i,
                      Payload.of(EventField.ROUTE, "r" + i));
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> future : futures) {
      future.get();
    }
    pool.shutdown();
    Set<String> ids = new HashSet<>();
    try (Stream<Path> files = Files.list(logs)) {
      for (Path file : files.toList()) {
        for (JsonNode node : lines(file)) {
          ids.add(node.get("request_id").asText());
        }
      }
    }
    assertThat(ids).hasSize(threads * perThread);
  }

  @Test
  void aReadOnlyLogFailsClosed() throws Exception {
    EventLog log = log(1 << 20, 5, new SecretScrubber());
    log.record(EventType.SERVER_STARTED, null, Payload.of(EventField.MODE, "enforced"));
    Files.setPosixFilePermissions(
        logs.resolve("events.log"), PosixFilePermissions.fromString("r--------"));
    assertThat(log.writable()).isFalse();
    assertThatThrownBy(
            () -> log.record(EventType.SERVER_STARTED, null, Payload.of(EventField.MODE, "x")))
        .isInstanceOf(EventLogUnavailableException.class);
    Files.setPosixFilePermissions(
        logs.resolve("events.log"), PosixFilePermissions.fromString("rw-------"));
    assertThat(log.writable()).isTrue();
  }
}

package org.semptify.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code logs/events.log}: one JSON object per line, in the seed's shape plus correlation: {@code
 * {"ts": 1699123456.789, "event": "name", "request_id": "..." or null, "payload": {...}}}. Writes
 * are serialised and flushed to disk. When a line cannot be written the caller gets {@link
 * EventLogUnavailableException}: an audited action must fail rather than proceed unaudited.
 */
public final class EventLog {
  private final RotatingFile file;
  private final Clock clock;
  private final ObjectMapper json;
  private final SecretScrubber scrubber;

  public EventLog(
      Path path,
      long maxBytes,
      int backups,
      Clock clock,
      ObjectMapper json,
      SecretScrubber scrubber) {
    this.file = new RotatingFile(path, maxBytes, backups, true);
    this.clock = clock;
    this.json = json;
    this.scrubber = scrubber;
  }

  public void record(EventType type, String requestId, Payload payload) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (Map.Entry<EventField, Object> entry : payload.values().entrySet()) {
      if (!type.fields().contains(entry.getKey())) {
        throw new IllegalArgumentException(
            "event " + type.wireName() + " does not allow field " + entry.getKey().key());
      }
      Object value = entry.getValue();
      body.put(entry.getKey().key(), value instanceof String s ? scrubber.scrub(s) : value);
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("ts", EpochSeconds.of(clock));
    line.put("event", type.wireName());
    line.put("request_id", requestId);
    line.put("payload", body);
    try {
      file.append(json.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event could not be serialised", e);
    } catch (IOException e) {
      throw new EventLogUnavailableException(e);
    }
  }

  public void record(EventType type, String requestId) {
    record(type, requestId, Payload.empty());
  }

  /** Throws {@link EventLogUnavailableException} unless an audited action may proceed now. */
  public void requireWritable() {
    if (!writable()) {
      throw new EventLogUnavailableException(null);
    }
  }

  /** Whether an audited action may proceed: the log file and its folder accept writes. */
  public boolean writable() {
    return file.writable();
  }

  /** Whether the last line could be written whole (false from a failed append until one works). */
  public boolean lastWriteSucceeded() {
    return !file.lastWriteFailed();
  }

  public Path path() {
    return file.path();
  }
}

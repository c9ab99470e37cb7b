package org.semptify.ops;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit log: events in the seed's shape plus correlation ({@code ts}, {@code event}, {@code
 * request_id}, {@code payload}), with only the fields each {@link EventType} allows and every
 * string scrubbed of secrets, handed to an {@link EventSink} ({@code logs/events.log} on files)
 * that stores each durably before this returns. When one cannot be stored the caller gets {@link
 * EventLogUnavailableException}: an audited action must fail rather than proceed unaudited.
 */
public final class EventLog {
  private final EventSink sink;
  private final Clock clock;
  private final SecretScrubber scrubber;

  public EventLog(EventSink sink, Clock clock, SecretScrubber scrubber) {
    this.sink = sink;
    this.clock = clock;
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
    sink.append(new StoredEvent(EpochSeconds.of(clock), type.wireName(), requestId, body));
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

  /** Whether an audited action may proceed: the sink accepts events. */
  public boolean writable() {
    return sink.writable();
  }

  /** Whether the last event was written whole (false from a failed append until one works). */
  public boolean lastWriteSucceeded() {
    return sink.lastAppendSucceeded();
  }
}

package org.semptify.ops;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event payload built only from {@link EventField} keys, each allowed by the event's catalogue
 * entry. Values are strings, numbers or booleans; strings pass through {@link SecretScrubber} when
 * written.
 */
public final class Payload {
  private final Map<EventField, Object> values = new LinkedHashMap<>();

  private Payload() {}

  public static Payload empty() {
    return new Payload();
  }

  public static Payload of(EventField field, Object value) {
    return new Payload().with(field, value);
  }

  public Payload with(EventField field, Object value) {
    if (value != null
        && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
      throw new IllegalArgumentException("payload values are strings, numbers or booleans");
    }
    values.put(field, value);
    return this;
  }

  Map<EventField, Object> values() {
    return Collections.unmodifiableMap(values);
  }
}

package org.semptify.ops;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The catalogue of security events: every name that can appear in {@code logs/events.log}, what it
 * means, and the payload fields it may carry. SECURITY.md documents this same table.
 */
public enum EventType {
  SERVER_STARTED("the server started", EventField.MODE),
  SERVER_STOPPED("the server stopped after letting requests in flight finish"),
  ERROR(
      "an unhandled exception answered 500 (class name only: messages may carry input)",
      EventField.EXCEPTION,
      EventField.ROUTE,
      EventField.METHOD);

  private final String description;
  private final Set<EventField> fields;

  EventType(String description, EventField... fields) {
    this.description = description;
    this.fields =
        fields.length == 0 ? EnumSet.noneOf(EventField.class) : EnumSet.of(fields[0], fields);
  }

  /** The name written to the log, e.g. {@code breakglass_used}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String description() {
    return description;
  }

  public Set<EventField> fields() {
    return fields;
  }
}

package org.semptify.ops;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One audit event as it is stored: when ({@code ts}, epoch seconds with millisecond decimals), what
 * ({@code event}, its wire name), the request it belongs to (null outside a request) and its
 * payload, whose fields are allow-listed and scrubbed before they get here.
 */
public record StoredEvent(
    BigDecimal ts, String event, String requestId, Map<String, Object> payload) {
  public StoredEvent {
    payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
  }
}

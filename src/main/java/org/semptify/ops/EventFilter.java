package org.semptify.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Predicate;

/**
 * The incident-review filter shared by {@code semptify events} and the dashboard's events page:
 * event name, time range ({@code since} inclusive, {@code until} exclusive), admin token id (acting
 * or acted on), client address and request id. A null or blank criterion matches everything.
 */
public final class EventFilter implements Predicate<JsonNode> {
  private final String event;
  private final double from;
  private final double to;
  private final String tokenId;
  private final String ip;
  private final String requestId;

  /**
   * Throws {@link IllegalArgumentException} (naming the option) when {@code since} or {@code until}
   * is not an instant like {@code 2026-11-01T00:00:00Z}.
   */
  public EventFilter(
      String event, String since, String until, String tokenId, String ip, String requestId) {
    this.event = blankToNull(event);
    this.from = seconds(blankToNull(since), "since", Double.NEGATIVE_INFINITY);
    this.to = seconds(blankToNull(until), "until", Double.POSITIVE_INFINITY);
    this.tokenId = blankToNull(tokenId);
    this.ip = blankToNull(ip);
    this.requestId = blankToNull(requestId);
  }

  @Override
  public boolean test(JsonNode node) {
    double ts = node.path("ts").asDouble();
    JsonNode payload = node.path("payload");
    return (event == null || event.equals(node.path("event").asText()))
        && ts >= from
        && ts < to
        && (tokenId == null
            || tokenId.equals(payload.path("token_id").asText(null))
            || tokenId.equals(payload.path("actor_token_id").asText(null)))
        && (ip == null || ip.equals(payload.path("ip").asText(null)))
        && (requestId == null || requestId.equals(node.path("request_id").asText(null)));
  }

  private static double seconds(String value, String name, double fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Instant.parse(value).toEpochMilli() / 1000.0;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--" + name + " must be an instant like 2026-11-01T00:00:00Z");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}

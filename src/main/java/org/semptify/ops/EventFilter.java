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
public record EventFilter(
    String event, String since, String until, String tokenId, String ip, String requestId)
    implements Predicate<JsonNode> {

  public EventFilter {
    event = blankToNull(event);
    since = blankToNull(since);
    until = blankToNull(until);
    tokenId = blankToNull(tokenId);
    ip = blankToNull(ip);
    requestId = blankToNull(requestId);
    // Fail early, with the option's name, on a time that does not parse.
    seconds(since, "since", 0);
    seconds(until, "until", 0);
  }

  public static EventFilter none() {
    return new EventFilter(null, null, null, null, null, null);
  }

  @Override
  public boolean test(JsonNode node) {
    double from = seconds(since, "since", Double.NEGATIVE_INFINITY);
    double to = seconds(until, "until", Double.POSITIVE_INFINITY);
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

  /** True when any criterion is set. */
  public boolean any() {
    return event != null
        || since != null
        || until != null
        || tokenId != null
        || ip != null
        || requestId != null;
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

package org.semptify.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A stored event put into words, for {@code semptify events --format text} and the dashboard's
 * events page: its time as an instant, what its name means (the {@link EventType} catalogue), and
 * its payload's allow-listed fields only, each value scrubbed again, so that nothing but what an
 * event may carry is ever shown.
 */
public final class EventWords {
  private static final Set<String> FIELD_KEYS =
      Arrays.stream(EventField.values()).map(EventField::key).collect(Collectors.toSet());
  private static final SecretScrubber SCRUBBER = new SecretScrubber();

  private EventWords() {}

  /** {@code ts} as an ISO-8601 instant (milliseconds), or {@code "?"} when it is not a number. */
  public static String time(JsonNode event) {
    JsonNode ts = event.path("ts");
    if (!ts.isNumber()) {
      return "?";
    }
    BigDecimal millis = ts.decimalValue().movePointRight(3);
    return Instant.ofEpochMilli(millis.longValue()).toString();
  }

  public static String name(JsonNode event) {
    return event.path("event").asText("?");
  }

  /** What the event means, from the catalogue ({@code ""} for a name it does not know). */
  public static String meaning(JsonNode event) {
    return type(name(event)).map(EventType::description).orElse("");
  }

  public static String requestId(JsonNode event) {
    return event.path("request_id").asText("");
  }

  /** The payload's known fields, in stored order, as text. */
  public static Map<String, String> details(JsonNode event) {
    Map<String, String> details = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = event.path("payload").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      if (FIELD_KEYS.contains(field.getKey()) && value.isValueNode() && !value.isNull()) {
        details.put(field.getKey(), SCRUBBER.scrub(value.asText()));
      }
    }
    return details;
  }

  /** The details as one line: {@code key=value key="value with spaces"}. */
  public static String detailsLine(JsonNode event) {
    StringBuilder line = new StringBuilder();
    for (Map.Entry<String, String> detail : details(event).entrySet()) {
      if (line.length() > 0) {
        line.append(' ');
      }
      String value = detail.getValue().replaceAll("\\p{Cntrl}", " ");
      boolean quote = value.isEmpty() || value.chars().anyMatch(c -> c == ' ' || c == '"');
      line.append(detail.getKey())
          .append('=')
          .append(quote ? '"' + value.replace("\"", "\\\"") + '"' : value);
    }
    return line.toString();
  }

  private static Optional<EventType> type(String name) {
    return Arrays.stream(EventType.values()).filter(t -> t.wireName().equals(name)).findFirst();
  }
}

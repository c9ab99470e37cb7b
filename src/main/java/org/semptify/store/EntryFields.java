package org.semptify.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed reads of the fields that admin-token and user entries share, with the original's variants.
 */
public final class EntryFields {
  private static final Pattern PREFIXED_HASH = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern BARE_HASH = Pattern.compile("[0-9a-fA-F]{64}");
  public static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private EntryFields() {}

  public static String id(ObjectNode entry, int index) {
    JsonNode id = entry.get("id");
    if (id == null || !id.isTextual() || !SAFE_ID.matcher(id.asText()).matches()) {
      throw new InvalidStateFileException("entry " + index + " has no valid id");
    }
    return id.asText();
  }

  /** {@code sha256:<hex>}; bare 64-hex hashes (the original's) get the prefix. Null when absent. */
  public static String hash(ObjectNode entry, String id) {
    JsonNode hash = entry.get("hash");
    if (hash == null || hash.isNull()) {
      return null;
    }
    String value = hash.asText();
    if (PREFIXED_HASH.matcher(value).matches()) {
      return value;
    }
    if (BARE_HASH.matcher(value).matches()) {
      return "sha256:" + value.toLowerCase(Locale.ROOT);
    }
    throw new InvalidStateFileException("entry '" + id + "' has a hash that is not sha256 hex");
  }

  public static boolean bool(ObjectNode entry, String field, boolean fallback, String id) {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw new InvalidStateFileException(
          "entry '" + id + "' field " + field + " is not true/false");
    }
    return value.booleanValue();
  }

  /** Epoch seconds; the original wrote floats, this program writes whole seconds. */
  public static Long epochSeconds(ObjectNode entry, String field, String id) {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw new InvalidStateFileException(
          "entry '" + id + "' field " + field + " is not epoch seconds");
    }
    return (long) Math.floor(value.doubleValue());
  }

  /**
   * A moment stored as decimal epoch seconds with milliseconds ({@code 1796055149.728}, like the
   * events' {@code ts}), in epoch milliseconds; 0 when absent.
   */
  public static long epochMillis(ObjectNode entry, String field, String id) {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull()) {
      return 0;
    }
    if (!value.isNumber()) {
      throw new InvalidStateFileException(
          "entry '" + id + "' field " + field + " is not epoch seconds");
    }
    return value
        .decimalValue()
        .movePointRight(3)
        .setScale(0, java.math.RoundingMode.FLOOR)
        .longValueExact();
  }

  /** Writes {@code millis} as decimal epoch seconds (see {@link #epochMillis}). */
  public static void putEpochMillis(ObjectNode entry, String field, long millis) {
    entry.put(field, java.math.BigDecimal.valueOf(millis, 3));
  }

  /** Fields this program does not interpret, kept so that a rewrite loses nothing. */
  public static Map<String, JsonNode> extras(ObjectNode entry, Set<String> known) {
    Map<String, JsonNode> extras = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = entry.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!known.contains(field.getKey())
          && !field.getKey().equals("_key")
          && !field.getKey().equals("token")) {
        extras.put(field.getKey(), field.getValue());
      }
    }
    return Map.copyOf(extras);
  }
}

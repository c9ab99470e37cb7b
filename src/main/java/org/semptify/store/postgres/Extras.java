package org.semptify.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fields an entry carries that this version does not interpret, as a JSON column. */
final class Extras {
  private Extras() {}

  static String write(ObjectMapper json, Map<String, JsonNode> extras) {
    ObjectNode node = json.createObjectNode();
    extras.forEach(node::set);
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("extras could not be serialised", e);
    }
  }

  static Map<String, JsonNode> read(ObjectMapper json, String text) {
    if (text == null || text.isEmpty()) {
      return Map.of();
    }
    try {
      JsonNode node = json.readTree(text);
      Map<String, JsonNode> extras = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        extras.put(field.getKey(), field.getValue());
      }
      return Map.copyOf(extras);
    } catch (JsonProcessingException e) {
      return Map.of(); // the column is json: it always parses
    }
  }
}

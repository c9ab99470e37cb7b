package org.semptify.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the shapes that token files take, this program's and the original Semptify's: a JSON array
 * of entries (canonical), an object wrapping that array under {@code listKey}, or an object keyed
 * by id. Entries come back as objects with an {@code id}; a keyed entry without one gets its key.
 * Writes always produce the canonical array, pretty-printed for operators who edit it by hand.
 */
public final class EntryFileFormat {
  private final ObjectMapper json;
  private final String listKey;

  public EntryFileFormat(ObjectMapper json, String listKey) {
    this.json = json;
    this.listKey = listKey;
  }

  /** Parsed entries; throws {@link InvalidStateFileException} for anything else. */
  public List<ObjectNode> parse(byte[] bytes) {
    JsonNode root;
    try {
      root = json.readTree(bytes);
    } catch (IOException e) {
      throw new InvalidStateFileException("does not parse as JSON");
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidStateFileException("is empty");
    }
    List<ObjectNode> entries = new ArrayList<>();
    if (root.isArray()) {
      addArray(root, entries);
    } else if (root.isObject()
        && root.size() == 1
        && root.has(listKey)
        && root.get(listKey).isArray()) {
      addArray(root.get(listKey), entries);
    } else if (root.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!field.getValue().isObject()) {
          throw new InvalidStateFileException(
              "entry '" + safe(field.getKey()) + "' is not an object");
        }
        ObjectNode entry = ((ObjectNode) field.getValue()).deepCopy();
        entry.put("_key", field.getKey());
        if (!entry.hasNonNull("id")) {
          entry.put("id", field.getKey());
        }
        entries.add(entry);
      }
    } else {
      throw new InvalidStateFileException("is neither a list nor an object of entries");
    }
    return entries;
  }

  public byte[] write(List<ObjectNode> entries) {
    ArrayNode array = json.createArrayNode();
    for (ObjectNode entry : entries) {
      ObjectNode copy = entry.deepCopy();
      copy.remove("_key");
      array.add(copy);
    }
    try {
      byte[] body = json.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(array);
      byte[] withNewline = new byte[body.length + 1];
      System.arraycopy(body, 0, withNewline, 0, body.length);
      withNewline[body.length] = '\n';
      return withNewline;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void addArray(JsonNode array, List<ObjectNode> entries) {
    int index = 0;
    for (JsonNode node : array) {
      if (!node.isObject()) {
        throw new InvalidStateFileException("entry " + index + " is not an object");
      }
      entries.add(((ObjectNode) node).deepCopy());
      index++;
    }
  }

  /** Keys may be legacy plaintext tokens: never echo more than a harmless prefix. */
  private static String safe(String key) {
    return key.length() <= 4 ? key : key.substring(0, 4) + "…";
  }
}

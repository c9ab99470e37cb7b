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
  private final boolean pretty;

  /**
   * @param pretty indent the written file: right for small files operators edit by hand; large
   *     files (users.json) are written compactly, one entry per line, which is much faster
   */
  public EntryFileFormat(ObjectMapper json, String listKey, boolean pretty) {
    this.json = json;
    this.listKey = listKey;
    this.pretty = pretty;
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
    try {
      if (pretty) {
        ArrayNode array = json.createArrayNode();
        for (ObjectNode entry : entries) {
          array.add(withoutKey(entry));
        }
        return (json.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(array)
                + "\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
      // Still one JSON array, but one entry per line: greppable, diffable, quick to write.
      java.io.ByteArrayOutputStream out =
          new java.io.ByteArrayOutputStream(entries.size() * 256 + 16);
      out.write('[');
      for (int i = 0; i < entries.size(); i++) {
        out.write(i == 0 ? '\n' : ',');
        if (i > 0) {
          out.write('\n');
        }
        out.write(json.writeValueAsBytes(withoutKey(entries.get(i))));
      }
      out.write(new byte[] {'\n', ']', '\n'});
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode withoutKey(ObjectNode entry) {
    if (!entry.has("_key")) {
      return entry;
    }
    ObjectNode copy = entry.deepCopy();
    copy.remove("_key");
    return copy;
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

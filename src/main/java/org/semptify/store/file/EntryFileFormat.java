package org.semptify.store.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.semptify.files.AtomicFiles;
import org.semptify.store.InvalidStateFileException;

/**
 * Reads the shapes that token files take, this program's and the original Semptify's: a JSON array
 * of entries (canonical), an object wrapping that array under {@code listKey}, or an object keyed
 * by id. Entries come back as objects with an {@code id}; a keyed entry without one gets its key.
 * Writes always produce the canonical array.
 */
public final class EntryFileFormat {
  private static final byte[] EMPTY = "[]\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\n]\n".getBytes(StandardCharsets.US_ASCII);
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

  /**
   * Hands each entry to {@code each}, in file order; throws {@link InvalidStateFileException} for
   * anything but the accepted shapes. The canonical array is read as a stream, one entry at a time,
   * so that a 28 MB users.json never exists as one tree in memory.
   */
  public void parse(byte[] bytes, Consumer<ObjectNode> each) {
    try (JsonParser parser = json.createParser(bytes)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new InvalidStateFileException("is empty");
      }
      if (first == JsonToken.START_ARRAY) {
        streamArray(parser, each);
        if (parser.nextToken() != null) {
          throw new InvalidStateFileException("does not parse as JSON");
        }
        return;
      }
    } catch (IOException e) {
      throw new InvalidStateFileException("does not parse as JSON");
    }
    parseTree(bytes, each);
  }

  private static void streamArray(JsonParser parser, Consumer<ObjectNode> each) throws IOException {
    int index = 0;
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      if (token == null) {
        throw new InvalidStateFileException("does not parse as JSON");
      }
      if (token != JsonToken.START_OBJECT) {
        throw new InvalidStateFileException("entry " + index + " is not an object");
      }
      each.accept(parser.readValueAsTree());
      index++;
    }
  }

  /** The original's shapes: the array wrapped in an object, or an object keyed by id. */
  private void parseTree(byte[] bytes, Consumer<ObjectNode> each) {
    JsonNode root;
    try {
      root = json.readTree(bytes);
    } catch (IOException e) {
      throw new InvalidStateFileException("does not parse as JSON");
    }
    if (root.isObject() && root.size() == 1 && root.has(listKey) && root.get(listKey).isArray()) {
      int index = 0;
      for (JsonNode node : root.get(listKey)) {
        if (!node.isObject()) {
          throw new InvalidStateFileException("entry " + index + " is not an object");
        }
        each.accept((ObjectNode) node);
        index++;
      }
    } else if (root.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!field.getValue().isObject()) {
          throw new InvalidStateFileException(
              "entry '" + safe(field.getKey()) + "' is not an object");
        }
        ObjectNode entry = (ObjectNode) field.getValue();
        entry.put("_key", field.getKey());
        if (!entry.hasNonNull("id")) {
          entry.put("id", field.getKey());
        }
        each.accept(entry);
      }
    } else {
      throw new InvalidStateFileException("is neither a list nor an object of entries");
    }
  }

  /**
   * One entry as it appears in the file, without separators. Entries are encoded one by one so that
   * a rewrite can reuse the bytes of every entry that did not change.
   */
  public byte[] encode(ObjectNode entry) {
    try {
      if (!pretty) {
        return json.writeValueAsBytes(withoutKey(entry));
      }
      String indented =
          json.writer()
              .with(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(withoutKey(entry));
      return ("  " + indented.replace("\n", "\n  ")).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The whole file from encoded entries: still one JSON array, with one entry per line (compact) or
   * per indented block (pretty), so it stays greppable and diffable.
   */
  public static AtomicFiles.Content join(List<byte[]> encoded) {
    return file -> {
      if (encoded.isEmpty()) {
        file.write(EMPTY);
        return;
      }
      // 256 KiB: large writes, yet below the size the garbage collector treats as a huge object.
      OutputStream out = new BufferedOutputStream(file, 256 * 1024);
      out.write('[');
      for (int i = 0; i < encoded.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write('\n');
        out.write(encoded.get(i));
      }
      out.write(END);
      out.flush();
    };
  }

  private static ObjectNode withoutKey(ObjectNode entry) {
    if (!entry.has("_key")) {
      return entry;
    }
    ObjectNode copy = entry.deepCopy();
    copy.remove("_key");
    return copy;
  }

  /** Keys may be legacy plaintext tokens: never echo more than a harmless prefix. */
  private static String safe(String key) {
    return key.length() <= 4 ? key : key.substring(0, 4) + "…";
  }
}

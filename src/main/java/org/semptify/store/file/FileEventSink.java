package org.semptify.store.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.semptify.ops.EventLogUnavailableException;
import org.semptify.ops.EventSink;
import org.semptify.ops.RotatingFile;
import org.semptify.ops.StoredEvent;

/**
 * {@code logs/events.log}: one JSON object per line, {@code {"ts": 1699123456.789, "event": "name",
 * "request_id": "..." or null, "payload": {...}}}, each line flushed to disk before {@link #append}
 * returns, rotated by size under a lock file shared with the command line.
 */
public final class FileEventSink implements EventSink {
  private final RotatingFile file;
  private final ObjectMapper json;

  public FileEventSink(Path path, long maxBytes, int backups, ObjectMapper json) {
    this.file = new RotatingFile(path, maxBytes, backups, true);
    this.json = json;
  }

  @Override
  public void append(StoredEvent event) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("ts", event.ts());
    line.put("event", event.event());
    line.put("request_id", event.requestId());
    line.put("payload", event.payload());
    try {
      file.append(json.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event could not be serialised", e);
    } catch (IOException e) {
      throw new EventLogUnavailableException(e);
    }
  }

  /**
   * True when a line could be appended now as far as permissions tell: the log file and its folder
   * accept writes.
   */
  @Override
  public boolean writable() {
    return file.writable();
  }

  @Override
  public boolean lastAppendSucceeded() {
    return !file.lastWriteFailed();
  }
}

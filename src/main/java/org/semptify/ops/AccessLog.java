package org.semptify.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The optional JSON access log ({@code ACCESS_LOG_JSON=1}, {@code logs/access.log}). Query values
 * of secret-bearing parameters are replaced by {@code [redacted]} before anything is written; no
 * request header is logged at all.
 */
public final class AccessLog {
  private final RotatingFile file;
  private final ObjectMapper json;
  private final SecretScrubber scrubber;
  private final Clock clock;
  private final AtomicBoolean warned = new AtomicBoolean();

  public AccessLog(
      Path path,
      long maxBytes,
      int backups,
      ObjectMapper json,
      SecretScrubber scrubber,
      Clock clock) {
    this.clock = clock;
    this.file = new RotatingFile(path, maxBytes, backups, false);
    this.json = json;
    this.scrubber = scrubber;
  }

  public record Entry(
      String method,
      String path,
      String query,
      int status,
      String ip,
      double durationMs,
      String requestId) {}

  public void record(Entry entry) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("ts", EpochSeconds.of(clock));
    line.put("method", entry.method());
    line.put("path", scrubber.scrub(entry.path()));
    if (entry.query() != null && !entry.query().isEmpty()) {
      line.put("query", scrubber.scrub(redactQuery(entry.query())));
    }
    line.put("status", entry.status());
    line.put("ip", entry.ip());
    line.put("duration_ms", Math.round(entry.durationMs() * 100) / 100.0);
    line.put("request_id", entry.requestId());
    try {
      file.append(json.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      // The access log is diagnostic, not an audit trail: keep serving, say so once.
      if (warned.compareAndSet(false, true)) {
        System.err.println(
            "WARN logs/access.log cannot be written; access lines are being dropped");
      }
    }
  }

  static String redactQuery(String query) {
    StringJoiner result = new StringJoiner("&");
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name = SecretScrubber.decodedName(rawName);
      result.add(
          eq >= 0 && SecretScrubber.isSecretName(name)
              ? rawName + "=" + SecretScrubber.REDACTED
              : pair);
    }
    return result.toString();
  }
}

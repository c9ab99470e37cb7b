package org.semptify.ops;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Last line of defence for anything written to a log: replaces Semptify-format tokens and the
 * configured secrets with {@code [redacted]}. Payloads are allow-listed already; this catches a
 * secret that reached an allowed field by mistake (a token typed into a path, say).
 */
public final class SecretScrubber {
  public static final String REDACTED = "[redacted]";
  private static final Pattern SEMPTIFY_TOKEN = Pattern.compile("smp[a-z]_[A-Za-z0-9_-]{8,}");

  private final List<String> knownSecrets = new CopyOnWriteArrayList<>();

  /** Adds a secret whose exact value must never be written (e.g. the legacy ADMIN_TOKEN). */
  public void register(byte[] secretUtf8) {
    String value = new String(secretUtf8, StandardCharsets.UTF_8);
    if (value.length() >= 6) {
      knownSecrets.add(value);
    }
  }

  public String scrub(String value) {
    if (value == null) {
      return null;
    }
    String result = SEMPTIFY_TOKEN.matcher(value).replaceAll(REDACTED);
    for (String secret : knownSecrets) {
      if (result.contains(secret)) {
        result = result.replace(secret, REDACTED);
      }
    }
    return result;
  }
}

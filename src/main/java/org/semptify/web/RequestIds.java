package org.semptify.web;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Correlates a request across response headers, events, access log lines and error bodies. An
 * incoming {@code X-Request-Id} is reused only when it is short and made of safe characters, so it
 * can never inject a header, a log line or markup.
 */
public final class RequestIds {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RequestIds() {}

  public static String resolve(String incoming) {
    if (incoming != null && SAFE.matcher(incoming).matches()) {
      return incoming;
    }
    return generate();
  }

  static String generate() {
    byte[] bytes = new byte[12];
    ThreadLocalRandom.current().nextBytes(bytes); // an id, not a secret
    return HexFormat.of().formatHex(bytes);
  }
}

package org.semptify.ops;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Last line of defence for anything written to a log: replaces Semptify-format tokens and the
 * configured secrets with {@code [redacted]}. Payloads are allow-listed already; this catches a
 * secret that reached an allowed field by mistake (a token typed into a path, say).
 */
public final class SecretScrubber {
  public static final String REDACTED = "[redacted]";
  private static final Pattern SEMPTIFY_TOKEN = Pattern.compile("smp[a-z]_[A-Za-z0-9_-]{8,}");

  /**
   * {@code name=value} (a query or form pair, anywhere in a text) and {@code "name":"value"}
   * (JSON): the value is redacted when the name is a {@link #isSecretName secret's}.
   */
  private static final Pattern NAMED_VALUE =
      Pattern.compile("([A-Za-z0-9_.%\\[\\]-]+)(=|\"\\s*:\\s*\")([^\\s&#\"'<>;,)]+)");

  private final List<String> knownSecrets = new CopyOnWriteArrayList<>();

  /** Adds a secret whose exact value must never be written (e.g. the legacy ADMIN_TOKEN). */
  public void register(byte[] secretUtf8) {
    String value = new String(secretUtf8, StandardCharsets.UTF_8);
    if (value.length() >= 6) {
      knownSecrets.add(value);
    }
  }

  /** True for parameter and field names whose values are credentials. */
  public static boolean isSecretName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("token")
        || lower.contains("secret")
        || lower.contains("password")
        || lower.contains("key");
  }

  /**
   * For free text such as an exception's message and stack trace: redacts the values of
   * secret-named parameters (as the access log does for a query string: {@code
   * /vault?user_token=…}, {@code "grant_token":"…"}), then everything {@link #scrub} redacts.
   */
  public String scrubText(String text) {
    if (text == null) {
      return null;
    }
    Matcher matcher = NAMED_VALUE.matcher(text);
    StringBuilder result = new StringBuilder(text.length());
    while (matcher.find()) {
      String replacement =
          isSecretName(decodedName(matcher.group(1)))
              ? matcher.group(1) + matcher.group(2) + REDACTED
              : matcher.group();
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(result);
    return scrub(result.toString());
  }

  /** A percent-encoded name decoded; as written when it is not valid percent-encoding. */
  static String decodedName(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
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

package org.semptify.web;

import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Javalin's default compression (gzip at its default level, from 1,500 bytes, when the client
 * accepts it), with this program's own content types named as allowed. Before the first byte of
 * every response Javalin decides whether the type may be compressed: a type on the allowed list is
 * found by one lookup, any other is searched, case-insensitively, for each of ten excluded
 * substrings ({@code image/}, {@code application/zip}, …), which measured about a tenth of the CPU
 * of a {@code GET /metrics}. Only types that no excluded substring matches are added, so each
 * decision is the one the default makes (checked here at start-up and by {@code
 * ResponseCompressionTest}); the bytes sent do not change.
 */
public final class ResponseCompression {
  private ResponseCompression() {}

  /** The default strategy, with {@code contentTypes} (exact, as set on responses) allowed. */
  public static CompressionStrategy allowing(List<String> contentTypes) {
    CompressionStrategy strategy = new CompressionStrategy(null, new Gzip());
    List<String> allowed = new ArrayList<>(strategy.getAllowedMimeTypes());
    for (String type : contentTypes) {
      String excluded = excludedBy(strategy, type);
      if (excluded != null) {
        throw new IllegalArgumentException(
            type + " is excluded from compression by default (" + excluded + ")");
      }
      if (!allowed.contains(type)) {
        allowed.add(type);
      }
    }
    strategy.setAllowedMimeTypes(List.copyOf(allowed));
    return strategy;
  }

  /** The excluded substring that {@code type} contains (ignoring case), or null. */
  static String excludedBy(CompressionStrategy strategy, String type) {
    String lower = type.toLowerCase(Locale.ROOT);
    for (String excluded : strategy.getExcludedMimeTypes()) {
      if (lower.contains(excluded.toLowerCase(Locale.ROOT))) {
        return excluded;
      }
    }
    return null;
  }
}

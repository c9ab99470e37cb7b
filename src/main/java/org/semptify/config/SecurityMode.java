package org.semptify.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The seed's two modes: {@code enforced} (production, the default) and {@code open} (testing only).
 */
public enum SecurityMode {
  ENFORCED,
  OPEN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<SecurityMode> parse(String value) {
    for (SecurityMode mode : values()) {
      if (mode.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}

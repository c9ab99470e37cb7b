package org.semptify.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a token an operator chose (the legacy {@code ADMIN_TOKEN}, or a value given to {@code
 * /rotate_token}) is strong enough to guard the admin plane. Tokens Semptify generates need no
 * check; people's choices do (the seed asks for strong tokens).
 */
public final class TokenStrength {
  /** The shortest chosen token accepted. */
  public static final int MIN_LENGTH = 24;

  private static final int MIN_DISTINCT_CHARACTERS = 8;

  /**
   * Values from examples and habits that must never open the admin plane, whatever their length,
   * also when only digits and punctuation were added around them ("password123456…").
   */
  private static final Set<String> KNOWN_DEFAULTS =
      Set.of(
          "admin",
          "administrator",
          "admin_token",
          "admintoken",
          "admin-token",
          "changeme",
          "change-me",
          "change_me",
          "default",
          "devtoken",
          "dev-token",
          "dev_token",
          "letmein",
          "password",
          "secret",
          "test",
          "token",
          "your-dev-admin-token",
          "<strong-random-token>",
          "replace-with-a-long-random-value",
          "change-me-to-a-long-random-value");

  private TokenStrength() {}

  /** Why {@code value} is too weak, or empty when it is strong enough. Never echoes the value. */
  public static Optional<String> weakness(String value) {
    if (value.codePointCount(0, value.length()) < MIN_LENGTH) {
      return Optional.of("shorter than " + MIN_LENGTH + " characters");
    }
    String lower = value.toLowerCase(Locale.ROOT);
    String letters = lower.replaceAll("[\\p{Punct}\\p{Digit}\\s]", "");
    if (KNOWN_DEFAULTS.contains(lower) || KNOWN_DEFAULTS.contains(letters)) {
      return Optional.of("a well-known default");
    }
    if (letters.isEmpty()) {
      return Optional.of("only digits and punctuation");
    }
    if (value.codePoints().distinct().count() < MIN_DISTINCT_CHARACTERS) {
      return Optional.of("made of fewer than " + MIN_DISTINCT_CHARACTERS + " different characters");
    }
    return Optional.empty();
  }
}

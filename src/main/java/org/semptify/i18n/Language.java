package org.semptify.i18n;

import java.util.Locale;

/** The languages every page is written in. English is the default. */
public enum Language {
  EN("English"),
  ES("Español");

  /** The cookie that remembers a visitor's choice. */
  public static final String COOKIE = "semptify_lang";

  private final String nativeName;

  Language(String nativeName) {
    this.nativeName = nativeName;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String nativeName() {
    return nativeName;
  }

  /** The language a code names, or null. */
  public static Language ofCode(String code) {
    String wanted = code == null ? "" : code.strip();
    for (Language language : values()) {
      // ASCII-only codes: a plain comparison of both spellings, no Unicode case mapping.
      if (language.code().equals(wanted) || language.name().equals(wanted)) {
        return language;
      }
    }
    return null;
  }

  /**
   * The visitor's language: the remembered choice, else the first supported language of {@code
   * Accept-Language} in order of preference (q-values honoured), else English.
   */
  public static Language resolve(String cookie, String acceptLanguage) {
    Language chosen = ofCode(cookie);
    if (chosen != null) {
      return chosen;
    }
    if (acceptLanguage != null) {
      try {
        for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
          if (range.getWeight() <= 0) {
            continue;
          }
          Language language = ofCode(range.getRange().split("-")[0]); // ranges are lower case
          if (language != null) {
            return language;
          }
        }
      } catch (IllegalArgumentException e) {
        return EN; // a malformed header is not worth an error page
      }
    }
    return EN;
  }
}

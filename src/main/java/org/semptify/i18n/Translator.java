package org.semptify.i18n;

/** The messages of one language, for one page. */
public record Translator(Language language, Messages messages) {
  public String t(String key, Object... args) {
    return messages.get(language, key, args);
  }

  /** A message the server produced in English, translated when the bundles know it. */
  public String tr(String english) {
    return messages.translateEnglish(language, english);
  }
}

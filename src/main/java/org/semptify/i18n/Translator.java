package org.semptify.i18n;

/** The messages of one language, for one page. */
public record Translator(Language language, Messages messages) {
  public String t(String key, Object... args) {
    return messages.get(language, key, args);
  }

  /** A message a handler or validator produced, in this language. */
  public String t(Message message) {
    return messages.get(language, message);
  }
}

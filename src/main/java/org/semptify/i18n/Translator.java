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

  /**
   * A stored enumeration ("rent", "witness_statement") shown in this language: the message {@code
   * group.value}, else the value with its underscores as spaces (something only an older or newer
   * version knows).
   */
  public String label(String group, String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String key = group + "." + value.replace(' ', '_');
    return messages.has(language, key) ? t(key) : value.replace('_', ' ');
  }

  /**
   * A stored description in this language: one Semptify wrote itself (the English text of {@code
   * auto.<category>}) is shown translated; one the tenant typed is shown as typed.
   */
  public String description(String category, String description) {
    if (description == null || category == null) {
      return description;
    }
    String key = "auto." + category;
    if (messages.has(Language.EN, key) && messages.get(Language.EN, key).equals(description)) {
      return t(key);
    }
    return description;
  }

  public String size(long bytes) {
    return Formats.size(language, bytes);
  }

  public String date(String iso) {
    return Formats.date(language, iso);
  }

  public String dateTime(long epochSeconds) {
    return Formats.dateTime(language, epochSeconds);
  }

  public String money(long cents) {
    return Formats.money(language, cents);
  }
}

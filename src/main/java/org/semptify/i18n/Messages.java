package org.semptify.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every string the pages show, per language, from {@code i18n/messages_<code>.properties} (UTF-8).
 * Placeholders are {@code {0}}, {@code {1}}…; apostrophes need no escaping.
 */
public final class Messages {
  private final Map<Language, Properties> bundles = new EnumMap<>(Language.class);

  private final Map<String, String> englishToKey = new java.util.HashMap<>();

  /** English messages with numbers in them ({0}…), as patterns that recover the numbers. */
  private final Map<java.util.regex.Pattern, String> englishTemplates =
      new java.util.LinkedHashMap<>();

  private Messages() {}

  public static Messages load() {
    Messages messages = new Messages();
    for (Language language : Language.values()) {
      messages.bundles.put(language, read("/i18n/messages_" + language.code() + ".properties"));
    }
    Properties english = messages.bundles.get(Language.EN);
    for (String key : new java.util.TreeSet<>(english.stringPropertyNames())) {
      String text = english.getProperty(key);
      if (key.startsWith("msg.") && text.contains("{0}")) {
        StringBuilder regex = new StringBuilder();
        for (String piece : text.split("\\{\\d}", -1)) {
          regex
              .append(regex.length() == 0 ? "" : "(.+?)")
              .append(java.util.regex.Pattern.quote(piece));
        }
        messages.englishTemplates.put(java.util.regex.Pattern.compile(regex.toString()), key);
      } else if (key.startsWith("msg.")) {
        messages.englishToKey.put(text, key);
      }
    }
    return messages;
  }

  /** The text of {@code key}; a key missing from a bundle is a bug, so it fails loudly. */
  public String get(Language language, String key, Object... args) {
    String text = bundles.get(language).getProperty(key);
    if (text == null) {
      throw new IllegalArgumentException("no message '" + key + "' in " + language.code());
    }
    for (int i = 0; i < args.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(args[i]));
    }
    return text;
  }

  /**
   * A message the server wrote in English (a validation message, an error), in {@code language}
   * when the English bundle holds that exact text under a {@code msg.} key; otherwise unchanged.
   */
  public String translateEnglish(Language language, String english) {
    if (language == Language.EN || english == null) {
      return english;
    }
    String key = englishToKey.get(english);
    if (key != null) {
      return get(language, key);
    }
    for (Map.Entry<java.util.regex.Pattern, String> template : englishTemplates.entrySet()) {
      java.util.regex.Matcher matcher = template.getKey().matcher(english);
      if (matcher.matches()) {
        Object[] args = new Object[matcher.groupCount()];
        for (int i = 0; i < args.length; i++) {
          args[i] = matcher.group(i + 1);
        }
        return get(language, template.getValue(), args);
      }
    }
    return english;
  }

  public Set<String> keys(Language language) {
    Set<String> keys = new TreeSet<>();
    bundles.get(language).stringPropertyNames().forEach(keys::add);
    return keys;
  }

  private static Properties read(String resource) {
    InputStream in = Messages.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " is missing from the build");
    }
    try (InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      Properties properties = new Properties();
      properties.load(reader);
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

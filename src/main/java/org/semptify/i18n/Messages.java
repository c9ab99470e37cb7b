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
 * Every string the pages show, per language, from {@code i18n/messages_<code>.properties} (UTF-8),
 * looked up by key. Patterns are ICU-style ({@link MessagePattern}): {@code {0}}, {@code {1}}… and
 * {@code {0, plural, one {…} other {…}}}; apostrophes need no escaping. A malformed pattern fails
 * at load, not on the page that uses it.
 */
public final class Messages {
  private final Map<Language, Properties> bundles = new EnumMap<>(Language.class);

  private Messages() {}

  public static Messages load() {
    Messages messages = new Messages();
    for (Language language : Language.values()) {
      Properties bundle = read("/i18n/messages_" + language.code() + ".properties");
      for (String key : bundle.stringPropertyNames()) {
        try {
          MessagePattern.check(bundle.getProperty(key));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(language.code() + " " + key + ": " + e.getMessage(), e);
        }
      }
      messages.bundles.put(language, bundle);
    }
    return messages;
  }

  /** The text of {@code key}; a key missing from a bundle is a bug, so it fails loudly. */
  public String get(Language language, String key, Object... args) {
    return get(language, Message.of(key, args));
  }

  /** {@code message} in {@code language}; its arguments are inserted, never interpreted. */
  public String get(Language language, Message message) {
    String pattern = bundles.get(language).getProperty(message.key());
    if (pattern == null) {
      throw new IllegalArgumentException(
          "no message '" + message.key() + "' in " + language.code());
    }
    return MessagePattern.format(pattern, message.args());
  }

  /** {@code message} as JSON answers carry it: in English, which API clients rely on. */
  public String english(Message message) {
    return get(Language.EN, message);
  }

  /** Whether {@code language} has a message {@code key}. */
  public boolean has(Language language, String key) {
    return bundles.get(language).getProperty(key) != null;
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

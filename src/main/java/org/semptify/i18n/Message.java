package org.semptify.i18n;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A text to show someone, named by its key in the message bundles, with the values of its
 * placeholders. Handlers and validators produce these; pages render them in the visitor's language
 * and JSON answers in English, both through {@link Messages}.
 *
 * @param args the placeholder values {@code {0}}, {@code {1}}…; they are inserted as they are,
 *     never read as a pattern
 */
public record Message(String key, List<Object> args) {
  public Message {
    Objects.requireNonNull(key, "key");
    args = Collections.unmodifiableList(Arrays.asList(args.toArray()));
  }

  public static Message of(String key, Object... args) {
    return new Message(key, Arrays.asList(args));
  }
}

package org.semptify.config;

import java.util.Locale;
import java.util.Optional;

/** {@code SEMPTIFY_STORE}: where users, tokens, shares, events and keys live. */
public enum StoreKind {
  /** The embedded default: files under the data root, one server. */
  FILE("file"),
  /** A PostgreSQL database shared by any number of identical nodes. */
  POSTGRES("postgres");

  private final String wireName;

  StoreKind(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<StoreKind> parse(String value) {
    String wanted = value.strip().toLowerCase(Locale.ROOT);
    for (StoreKind kind : values()) {
      if (kind.wireName.equals(wanted)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}

package org.semptify.config;

import java.util.Optional;

/**
 * {@code SEMPTIFY_STORE} and, in {@code postgres} mode, the database to use.
 *
 * @param database present exactly when {@code kind} is {@link StoreKind#POSTGRES}
 */
public record StoreSettings(StoreKind kind, Optional<DatabaseSettings> database) {
  public static StoreSettings files() {
    return new StoreSettings(StoreKind.FILE, Optional.empty());
  }

  public boolean postgres() {
    return kind == StoreKind.POSTGRES;
  }
}

package org.semptify.security;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.semptify.config.ConfigException;
import org.semptify.config.Secret;
import org.semptify.store.KeyFile;

/**
 * The key that signs session cookies: {@code SEMPTIFY_SECRET} (or the seed's {@code FLASK_SECRET})
 * when set, otherwise a random key kept in {@code security/session.key} so sessions survive a
 * restart. There is never a built-in default.
 */
public final class SessionKey {
  private static final int KEY_BYTES = 32;

  private SessionKey() {}

  public static Secret resolve(Optional<Secret> configured, Path keyFile) throws IOException {
    if (configured.isPresent()) {
      return configured.get();
    }
    // Fail closed: a file that holds no valid key is reported, never replaced.
    byte[] key =
        KeyFile.loadOrCreate(keyFile, KEY_BYTES)
            .orElseThrow(
                () ->
                    new ConfigException(
                        keyFile
                            + " is not a valid session key; fix or remove it, or set SEMPTIFY_SECRET"));
    return Secret.of(key);
  }
}

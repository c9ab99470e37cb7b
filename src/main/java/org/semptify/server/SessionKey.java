package org.semptify.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.semptify.config.ConfigException;
import org.semptify.config.Secret;
import org.semptify.store.AtomicFiles;

/**
 * The key that signs session cookies: {@code SEMPTIFY_SECRET} (or the seed's {@code FLASK_SECRET})
 * when set, otherwise a random key kept in {@code security/session.key} so sessions survive a
 * restart. There is never a built-in default.
 */
public final class SessionKey {
  private static final int KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private SessionKey() {}

  public static Secret resolve(Optional<Secret> configured, Path keyFile) throws IOException {
    if (configured.isPresent()) {
      return configured.get();
    }
    if (!Files.exists(keyFile)) {
      byte[] key = new byte[KEY_BYTES];
      RANDOM.nextBytes(key);
      String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(key) + "\n";
      // If another process created it first, theirs wins and is read below.
      AtomicFiles.createIfAbsent(
          keyFile, encoded.getBytes(StandardCharsets.US_ASCII), AtomicFiles.OWNER_ONLY);
    }
    String stored = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
    byte[] key;
    try {
      key = Base64.getUrlDecoder().decode(stored);
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    if (key.length < KEY_BYTES) {
      // Fail closed: never replace a key an operator may depend on.
      throw new ConfigException(
          keyFile + " is not a valid session key; fix or remove it, or set SEMPTIFY_SECRET");
    }
    return Secret.of(key);
  }
}

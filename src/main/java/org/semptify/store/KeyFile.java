package org.semptify.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.semptify.files.AtomicFiles;

/**
 * A random secret kept in one file (0600, base64url): created the first time it is needed — if two
 * processes race, the first one's wins — and never replaced afterwards, because an operator may
 * depend on it.
 */
public final class KeyFile {
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyFile() {}

  /**
   * The key's bytes, or empty when the file exists but does not hold at least {@code bytes} of key.
   */
  public static Optional<byte[]> loadOrCreate(Path file, int bytes) throws IOException {
    if (!Files.exists(file)) {
      byte[] fresh = new byte[bytes];
      RANDOM.nextBytes(fresh);
      String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(fresh) + "\n";
      AtomicFiles.createIfAbsent(
          file, encoded.getBytes(StandardCharsets.US_ASCII), AtomicFiles.OWNER_ONLY);
    }
    try {
      byte[] key =
          Base64.getUrlDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
      return key.length < bytes ? Optional.empty() : Optional.of(key);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}

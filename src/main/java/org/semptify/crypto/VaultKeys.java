package org.semptify.crypto;

import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Hkdf;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * Key handling for vaults, built from Tink primitives. Each vault has a random 256-bit data key. It
 * is stored only wrapped (AES-256-GCM) by a key-encryption key derived with HKDF-SHA256 from a
 * bearer token (the user's, or a share's) and a per-wrap random salt. The stored token hash plays
 * no part, so the server's files alone never open a vault.
 */
public final class VaultKeys {
  public static final int KEY_BYTES = 32;
  public static final int SALT_BYTES = 16;
  private static final byte[] KEK_INFO =
      "semptify vault kek v1".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private VaultKeys() {}

  public static byte[] newDataKey() {
    return random(KEY_BYTES);
  }

  public static byte[] newSalt() {
    return random(SALT_BYTES);
  }

  /**
   * Wraps {@code dataKey} for {@code token}; {@code context} (e.g. the user id) is authenticated.
   */
  public static byte[] wrap(byte[] dataKey, String token, byte[] salt, String context) {
    try {
      return new AesGcmJce(kek(token, salt))
          .encrypt(dataKey, context.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The data key, or an exception when the token, salt or context do not match. */
  public static byte[] unwrap(byte[] wrapped, String token, byte[] salt, String context)
      throws GeneralSecurityException {
    return new AesGcmJce(kek(token, salt))
        .decrypt(wrapped, context.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] kek(String token, byte[] salt) throws GeneralSecurityException {
    return Hkdf.computeHkdf(
        "HMACSHA256", token.getBytes(StandardCharsets.UTF_8), salt, KEK_INFO, KEY_BYTES);
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}

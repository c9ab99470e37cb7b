package org.semptify.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.semptify.config.ConfigException;
import org.semptify.crypto.Tokens;
import org.semptify.store.KeyFile;

/**
 * The seed's CSRF scheme: a server secret in {@code security/csrf.token} (created at start-up when
 * missing), from which each browser session's form token is derived as HMAC-SHA256(secret, session
 * id). Deleting the file and restarting therefore invalidates every outstanding form.
 */
public final class CsrfProtection {
  private static final int KEY_BYTES = 32;
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
  private final SecretKeySpec key;

  private CsrfProtection(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  /**
   * Loads the secret, creating it (0600) when the file does not exist; a corrupt file stops
   * start-up.
   */
  public static CsrfProtection load(Path file) {
    try {
      return new CsrfProtection(
          KeyFile.loadOrCreate(file, KEY_BYTES).orElseThrow(IllegalArgumentException::new));
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(
          file + " is not a valid CSRF secret; remove it to have a new one created");
    }
  }

  /**
   * The scheme on a secret kept elsewhere (the database, {@code SEMPTIFY_STORE=postgres}); {@code
   * where} names it when the secret is too short.
   */
  public static CsrfProtection fromKey(byte[] key, String where) {
    if (key.length < KEY_BYTES) {
      throw new ConfigException(where + " is not a valid CSRF secret");
    }
    return new CsrfProtection(key);
  }

  /** A new random secret of the length this scheme uses. */
  public static byte[] newKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  public String tokenFor(String sessionId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] tag = mac.doFinal(("csrf|" + sessionId).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean valid(String sessionId, String presented) {
    return sessionId != null
        && presented != null
        && Tokens.constantTimeEquals(tokenFor(sessionId), presented);
  }
}

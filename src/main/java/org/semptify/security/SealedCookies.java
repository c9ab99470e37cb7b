package org.semptify.security;

import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Hkdf;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import org.semptify.config.Secret;

/**
 * Seals cookie values with AES-256-GCM under a key derived (HKDF-SHA256) from the session secret.
 * The cookie's name is authenticated data, so a value sealed for one cookie cannot be replayed as
 * another. The browser sees only ciphertext; a changed byte makes the cookie invalid.
 */
public final class SealedCookies {
  private static final byte[] INFO = "semptify cookie seal v1".getBytes(StandardCharsets.US_ASCII);
  private final AesGcmJce aead;

  public SealedCookies(Secret secret) {
    try {
      byte[] key = Hkdf.computeHkdf("HMACSHA256", secret.bytes(), new byte[0], INFO, 32);
      this.aead = new AesGcmJce(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  public String seal(String cookieName, byte[] payload) {
    try {
      byte[] sealed = aead.encrypt(payload, cookieName.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public Optional<byte[]> open(String cookieName, String value) {
    if (value == null || value.isEmpty() || value.length() > 4096) {
      return Optional.empty();
    }
    try {
      byte[] sealed = Base64.getUrlDecoder().decode(value);
      return Optional.of(aead.decrypt(sealed, cookieName.getBytes(StandardCharsets.US_ASCII)));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return Optional.empty();
    }
  }
}

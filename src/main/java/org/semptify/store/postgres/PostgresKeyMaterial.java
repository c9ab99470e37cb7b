package org.semptify.store.postgres;

import com.google.crypto.tink.subtle.Hkdf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.semptify.config.ConfigException;
import org.semptify.config.Secret;

/**
 * The server's own keys (the CSRF secret, the signing key) in table {@code key_material}, encrypted
 * at rest under {@code SEMPTIFY_SECRET}: AES-256-GCM with a key derived by HKDF-SHA256 from the
 * secret, a random nonce per value and the key's name as associated data (a value moved to another
 * name does not open). The first node to need a key creates it; every other node reads that one
 * ({@code INSERT … ON CONFLICT DO NOTHING}, then read back); it is never replaced.
 */
public final class PostgresKeyMaterial {
  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Sql sql;
  private final SecretKeySpec key;
  private final long nowSeconds;

  public PostgresKeyMaterial(PostgresStorage storage, Secret secret, long nowSeconds) {
    this.sql = storage.sql();
    this.nowSeconds = nowSeconds;
    try {
      this.key =
          new SecretKeySpec(
              Hkdf.computeHkdf(
                  "HMACSHA256",
                  secret.bytes(),
                  "semptify key material".getBytes(StandardCharsets.US_ASCII),
                  "aes-256-gcm v1".getBytes(StandardCharsets.US_ASCII),
                  32),
              "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HKDF-SHA256 is not available", e);
    }
  }

  /**
   * The key stored under {@code name}, created from {@code fresh} if no node has stored one yet.
   * Throws {@link ConfigException} (start-up stops, exit 2) when the stored value does not open
   * under this node's {@code SEMPTIFY_SECRET}.
   */
  public byte[] loadOrCreate(String name, Supplier<byte[]> fresh) {
    Optional<byte[]> stored = read(name);
    if (stored.isEmpty()) {
      byte[] sealed = seal(name, fresh.get());
      sql.run(
          connection -> {
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO key_material (name, ciphertext, created_ts) VALUES (?, ?, ?)"
                        + " ON CONFLICT (name) DO NOTHING")) {
              insert.setString(1, name);
              insert.setBytes(2, sealed);
              insert.setLong(3, nowSeconds);
              return insert.executeUpdate();
            }
          });
      stored = read(name); // another node's, if it was first
    }
    return open(name, stored.orElseThrow(() -> new IllegalStateException("key " + name + " lost")));
  }

  /**
   * The key stored under {@code name}, opened; empty when no node has stored one yet. Throws {@link
   * ConfigException} when it does not open under this {@code SEMPTIFY_SECRET}.
   */
  public Optional<byte[]> stored(String name) {
    return read(name).map(ciphertext -> open(name, ciphertext));
  }

  /**
   * Stores {@code value} under {@code name} unless a key is stored there already (never replaced),
   * for moving a data root's own keys into the database; returns the key stored under {@code name}
   * afterwards, which the caller compares with {@code value}.
   */
  public byte[] adopt(String name, byte[] value) {
    return loadOrCreate(name, () -> value.clone());
  }

  private Optional<byte[]> read(String name) {
    return sql.run(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT ciphertext FROM key_material WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.<byte[]>empty();
            }
          }
        });
  }

  byte[] seal(String name, byte[] plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
          .put(VERSION)
          .put(nonce)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  byte[] open(String name, byte[] stored) {
    try {
      if (stored.length < 1 + NONCE_BYTES + TAG_BITS / 8 || stored[0] != VERSION) {
        throw new GeneralSecurityException("unknown format");
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
      cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new ConfigException(
          "SEMPTIFY_SECRET does not open the "
              + name
              + " stored in the database: every node must have the same SEMPTIFY_SECRET as the"
              + " one that created it");
    }
  }
}

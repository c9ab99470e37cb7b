package org.semptify.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One entry of {@code security/admin_tokens.json}. Never holds the token itself, only its hash.
 *
 * @param plaintextInFile the file carried this token in plaintext (legacy); it is hashed on the
 *     next write
 */
public record AdminToken(
    String id,
    String hash,
    long createdTs,
    boolean enabled,
    boolean breakglass,
    Long expiresTs,
    Long usedTs,
    boolean plaintextInFile,
    Map<String, JsonNode> extras) {

  public boolean expired(long nowSeconds) {
    return expiresTs != null && nowSeconds >= expiresTs;
  }

  /** May this entry authenticate a request now? */
  public boolean usable(long nowSeconds) {
    return enabled && !expired(nowSeconds);
  }

  AdminToken withEnabled(boolean value) {
    return new AdminToken(id, hash, createdTs, value, breakglass, expiresTs, usedTs, false, extras);
  }

  AdminToken withHash(String newHash, long now) {
    return new AdminToken(id, newHash, now, enabled, breakglass, expiresTs, null, false, extras);
  }

  AdminToken consumed(long now) {
    return new AdminToken(id, hash, createdTs, false, false, expiresTs, now, false, extras);
  }

  AdminToken hashed() {
    return new AdminToken(
        id, hash, createdTs, enabled, breakglass, expiresTs, usedTs, false, extras);
  }
}

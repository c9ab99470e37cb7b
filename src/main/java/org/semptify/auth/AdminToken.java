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

  /**
   * This entry switched off. A spent breakglass token is disabled already and its single use opened
   * a session that lives on while the entry stays as consumption left it; disabling it again must
   * end that session, so it is also {@link #retired()}.
   */
  AdminToken disabled() {
    return usedTs == null ? withEnabled(false) : retired();
  }

  /**
   * Disabled, and under a fresh hash no value matches: no old value opens it and every session
   * bound to its old hash (breakglass included) ends at once. {@code used_ts} stays for the audit.
   */
  AdminToken retired() {
    String unknown = Tokens.hash(Tokens.generate(TokenKind.ADMIN)); // the value is dropped unseen
    return new AdminToken(
        id, unknown, createdTs, false, breakglass, expiresTs, usedTs, false, extras);
  }

  /** Spent: a breakglass token after its one use, disabled, with the moment of use. */
  public AdminToken consumed(long now) {
    return new AdminToken(id, hash, createdTs, false, false, expiresTs, now, false, extras);
  }

  AdminToken hashed() {
    return new AdminToken(
        id, hash, createdTs, enabled, breakglass, expiresTs, usedTs, false, extras);
  }
}

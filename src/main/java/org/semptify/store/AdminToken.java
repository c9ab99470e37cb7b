package org.semptify.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.semptify.crypto.TokenKind;
import org.semptify.crypto.Tokens;

/**
 * One entry of {@code security/admin_tokens.json}. Never holds the token itself, only its hash.
 *
 * @param plaintextInFile the file carried this token in plaintext (legacy); it is hashed on the
 *     next write
 * @param sessionsEndedMs sessions this token opened at or before this moment (epoch ms; 0: none
 *     ended) are over, even once the token is enabled again
 * @param role what the token may do; a breakglass token (used or not) is always {@code owner}
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
    long sessionsEndedMs,
    Map<String, JsonNode> extras,
    AdminRole role) {

  public AdminToken {
    if (role == null || breakglass || usedTs != null) {
      role = AdminRole.OWNER; // legacy entries, and breakglass tokens, are owners
    }
  }

  /** An {@code owner} entry (the role of every entry written before roles existed). */
  public AdminToken(
      String id,
      String hash,
      long createdTs,
      boolean enabled,
      boolean breakglass,
      Long expiresTs,
      Long usedTs,
      boolean plaintextInFile,
      long sessionsEndedMs,
      Map<String, JsonNode> extras) {
    this(
        id,
        hash,
        createdTs,
        enabled,
        breakglass,
        expiresTs,
        usedTs,
        plaintextInFile,
        sessionsEndedMs,
        extras,
        AdminRole.OWNER);
  }

  /** The same entry with another role (a breakglass token stays {@code owner}). */
  public AdminToken withRole(AdminRole newRole) {
    if ((breakglass || usedTs != null) && newRole != AdminRole.OWNER) {
      throw new IllegalArgumentException("a breakglass token is always owner");
    }
    return new AdminToken(
        id,
        hash,
        createdTs,
        enabled,
        breakglass,
        expiresTs,
        usedTs,
        plaintextInFile,
        sessionsEndedMs,
        extras,
        newRole);
  }

  public boolean expired(long nowSeconds) {
    return expiresTs != null && nowSeconds >= expiresTs;
  }

  /** May this entry authenticate a request now? */
  public boolean usable(long nowSeconds) {
    return enabled && !expired(nowSeconds) && !spent(); // spent: even if enabled by hand
  }

  /** A breakglass token after its one use: it stays spent, whatever is done to it later. */
  public boolean spent() {
    return usedTs != null;
  }

  /** Enabled again; a spent breakglass token never is (its one use is over). */
  public AdminToken reEnabled() {
    if (spent()) {
      throw new SpentTokenException(id);
    }
    return new AdminToken(
        id,
        hash,
        createdTs,
        true,
        breakglass,
        expiresTs,
        usedTs,
        false,
        sessionsEndedMs,
        extras,
        role);
  }

  /**
   * A new value, which ends every session opened so far for good (even one of a value given back
   * later). A spent breakglass token stays spent (disabled, its {@code used_ts} kept for the
   * audit): its new value never opens anything.
   */
  public AdminToken withHash(String newHash, long nowSeconds, long nowMillis) {
    return new AdminToken(
        id,
        newHash,
        nowSeconds,
        enabled,
        breakglass,
        expiresTs,
        usedTs,
        false,
        nowMillis,
        extras,
        role);
  }

  /**
   * This entry switched off, and every session it opened ended for good: enabling it again later
   * does not bring them back. A spent breakglass token is also {@link #retired}.
   */
  public AdminToken disabled(long nowMillis) {
    if (spent()) {
      return retired(nowMillis);
    }
    return new AdminToken(
        id, hash, createdTs, false, breakglass, expiresTs, usedTs, false, nowMillis, extras, role);
  }

  /**
   * Disabled, and under a fresh hash no value matches: no old value opens it and every session
   * bound to its old hash (breakglass included) ends at once. {@code used_ts} stays for the audit.
   */
  public AdminToken retired(long nowMillis) {
    String unknown = Tokens.hash(Tokens.generate(TokenKind.ADMIN)); // the value is dropped unseen
    return new AdminToken(
        id,
        unknown,
        createdTs,
        false,
        breakglass,
        expiresTs,
        usedTs,
        false,
        nowMillis,
        extras,
        role);
  }

  /** Spent: a breakglass token after its one use, disabled, with the moment of use. */
  public AdminToken consumed(long now) {
    return new AdminToken(
        id, hash, createdTs, false, false, expiresTs, now, false, sessionsEndedMs, extras, role);
  }

  public AdminToken hashed() {
    return new AdminToken(
        id,
        hash,
        createdTs,
        enabled,
        breakglass,
        expiresTs,
        usedTs,
        false,
        sessionsEndedMs,
        extras,
        role);
  }

  /**
   * Whether a session issued at {@code issuedAtMillis} outlived an end of this token's sessions.
   */
  public boolean sessionEnded(long issuedAtMillis) {
    return issuedAtMillis <= sessionsEndedMs;
  }
}

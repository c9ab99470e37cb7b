package org.semptify.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One entry of {@code security/users.json}: an anonymous account, known by a random id and the hash
 * of its token, with its vault data key wrapped by a key only that token derives ({@code salt},
 * {@code wrapped_key}, base64). {@code extras} holds fields this class does not interpret, so that
 * a rewrite loses nothing.
 */
public record UserAccount(
    String id,
    String hash,
    long createdTs,
    boolean enabled,
    Long expiresTs,
    String salt,
    String wrappedKey,
    long sessionsEndedMs,
    Map<String, JsonNode> extras) {

  /** The extra field that marks an account whose vault is being deleted. */
  public static final String DELETING = "deleting";

  /**
   * The first step of deleting the vault: the only user wrap of the data key is gone, the account
   * is disabled with every session ended, and it is marked so that an interrupted deletion is
   * finished later. The token's hash stays until the entry itself is removed.
   */
  public UserAccount withoutKey(long nowMillis) {
    Map<String, JsonNode> marked = new java.util.LinkedHashMap<>(extras);
    marked.put(DELETING, com.fasterxml.jackson.databind.node.BooleanNode.TRUE);
    return new UserAccount(
        id, hash, createdTs, false, expiresTs, null, null, nowMillis, Map.copyOf(marked));
  }

  /** Whether a deletion of this account's vault has begun (its key is gone already). */
  public boolean beingDeleted() {
    JsonNode marker = extras.get(DELETING);
    return marker != null && marker.asBoolean(false);
  }

  public boolean expired(long nowSeconds) {
    return expiresTs != null && nowSeconds >= expiresTs;
  }

  public boolean usable(long nowSeconds) {
    return enabled && !expired(nowSeconds);
  }

  /** Enabled again: the sessions a disabling ended stay ended. */
  public UserAccount reEnabled() {
    return new UserAccount(
        id, hash, createdTs, true, expiresTs, salt, wrappedKey, sessionsEndedMs, extras);
  }

  /** Disabled, and every session opened until {@code nowMillis} ended for good. */
  public UserAccount disabled(long nowMillis) {
    return new UserAccount(
        id, hash, createdTs, false, expiresTs, salt, wrappedKey, nowMillis, extras);
  }

  /**
   * Expiring at {@code value}; an expiry already reached ends the sessions for good, like a
   * disabling, so moving it later again does not bring them back.
   */
  public UserAccount withExpiry(Long value, long nowMillis) {
    boolean reached = expiresTs != null && expiresTs * 1000 <= nowMillis;
    boolean reachesNow = value != null && value * 1000 <= nowMillis;
    long ended = reached || reachesNow ? nowMillis : sessionsEndedMs;
    return new UserAccount(id, hash, createdTs, enabled, value, salt, wrappedKey, ended, extras);
  }

  public UserAccount withCredentials(String newHash, String newSalt, String newWrappedKey) {
    return new UserAccount(
        id,
        newHash,
        createdTs,
        enabled,
        expiresTs,
        newSalt,
        newWrappedKey,
        sessionsEndedMs,
        extras);
  }

  /**
   * Whether a session issued at {@code issuedAtMillis} outlived an end of this account's sessions.
   */
  public boolean sessionEnded(long issuedAtMillis) {
    return issuedAtMillis <= sessionsEndedMs;
  }
}

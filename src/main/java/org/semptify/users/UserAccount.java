package org.semptify.users;

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
    Map<String, JsonNode> extras) {

  public boolean expired(long nowSeconds) {
    return expiresTs != null && nowSeconds >= expiresTs;
  }

  public boolean usable(long nowSeconds) {
    return enabled && !expired(nowSeconds);
  }

  UserAccount withEnabled(boolean value) {
    return new UserAccount(id, hash, createdTs, value, expiresTs, salt, wrappedKey, extras);
  }

  UserAccount withExpiry(Long value) {
    return new UserAccount(id, hash, createdTs, enabled, value, salt, wrappedKey, extras);
  }

  UserAccount withCredentials(String newHash, String newSalt, String newWrappedKey) {
    return new UserAccount(
        id, newHash, createdTs, enabled, expiresTs, newSalt, newWrappedKey, extras);
  }
}

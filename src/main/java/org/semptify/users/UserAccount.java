package org.semptify.users;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One entry of {@code security/users.json}: an anonymous account, known by a random id and the hash
 * of its token. {@code extras} holds fields this class does not interpret (such as wrapped key
 * material) so that a rewrite loses nothing.
 */
public record UserAccount(
    String id,
    String hash,
    long createdTs,
    boolean enabled,
    Long expiresTs,
    Map<String, JsonNode> extras) {

  public boolean expired(long nowSeconds) {
    return expiresTs != null && nowSeconds >= expiresTs;
  }

  public boolean usable(long nowSeconds) {
    return enabled && !expired(nowSeconds);
  }

  UserAccount withEnabled(boolean value) {
    return new UserAccount(id, hash, createdTs, value, expiresTs, extras);
  }

  UserAccount withExpiry(Long value) {
    return new UserAccount(id, hash, createdTs, enabled, value, extras);
  }
}

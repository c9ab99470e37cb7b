package org.semptify.store;

import java.util.List;

/**
 * A read-only grant to some of a vault's documents, as stored in {@code uploads/shares/<id>.json}:
 * the vault's data key wrapped by a key only the share's token derives, the hash of that token, the
 * expiry and the shared document ids. The label lives in the owner's encrypted manifest.
 */
public record Share(
    String shareId,
    String userId,
    String hash,
    String salt,
    String wrappedKey,
    long createdTs,
    long expiresTs,
    List<String> docIds) {

  public boolean expired(long nowSeconds) {
    return nowSeconds >= expiresTs;
  }
}

package org.semptify.vault;

/** What the owner sees of a share in their (encrypted) manifest. */
public record ShareNote(
    String shareId,
    String label,
    long createdTs,
    long expiresTs,
    int documentCount,
    boolean revoked) {
  public String expiresAt() {
    return java.time.Instant.ofEpochSecond(expiresTs).toString();
  }

  ShareNote asRevoked() {
    return new ShareNote(shareId, label, createdTs, expiresTs, documentCount, true);
  }
}

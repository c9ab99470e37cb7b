package org.semptify.vault;

/** A document in a vault, as listed to its owner. */
public record Document(
    String docId,
    long seq,
    String filename,
    long size,
    String sha256,
    String contentType,
    String receivedAt,
    long receivedTs,
    String category,
    String description,
    String eventDate) {

  public String shortHash() {
    return sha256.substring(0, 12);
  }
}

package org.semptify.backup;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a backup holds: accounts in {@code users.json}, vaults, documents (committed blobs) and the
 * bytes of every file in it.
 */
public record BackupCounts(
    @JsonProperty("accounts") long accounts,
    @JsonProperty("vaults") long vaults,
    @JsonProperty("documents") long documents,
    @JsonProperty("bytes") long bytes) {

  /** One line for an operator: {@code accounts=3 vaults=2 documents=17 bytes=1048576}. */
  public String summary() {
    return "accounts="
        + accounts
        + " vaults="
        + vaults
        + " documents="
        + documents
        + " bytes="
        + bytes;
  }
}

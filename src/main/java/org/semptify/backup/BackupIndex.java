package org.semptify.backup;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * The archive's inventory, its last entry but one: every other entry's name, size and SHA-256, the
 * counts, when it was taken and the fingerprint of the signing key that signed it (the next entry,
 * {@code index.json.sig}, holds that Ed25519 signature of these exact bytes).
 */
record BackupIndex(
    @JsonProperty("format") String format,
    @JsonProperty("created_at") String createdAt,
    @JsonProperty("signing_key_sha256") String signingKeySha256,
    @JsonProperty("counts") BackupCounts counts,
    @JsonProperty("entries") List<Entry> entries) {
  static final String FORMAT = "semptify-backup/1";

  record Entry(
      @JsonProperty("path") String path,
      @JsonProperty("size") long size,
      @JsonProperty("sha256") String sha256) {}

  byte[] toBytes(ObjectMapper json) throws IOException {
    return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
  }

  static BackupIndex parse(ObjectMapper json, byte[] bytes) throws IOException {
    BackupIndex index = json.readValue(bytes, BackupIndex.class);
    if (!FORMAT.equals(index.format()) || index.entries() == null || index.counts() == null) {
      throw new IOException("not a " + FORMAT + " index");
    }
    return index;
  }
}

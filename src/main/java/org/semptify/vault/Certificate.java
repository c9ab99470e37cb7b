package org.semptify.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * One link of a user's evidence chain: a document's receipt (or a deletion record), as canonical
 * JSON — keys sorted, no whitespace, UTF-8 — so that its bytes, its SHA-256 and its Ed25519
 * signature are reproducible by anyone. {@code prev} is the SHA-256 of the previous certificate's
 * bytes; the first one chains to {@link #GENESIS}.
 */
public record Certificate(Map<String, Object> fields, String hash, String signature) {
  public static final String GENESIS = "0".repeat(64);
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** Builds, hashes and signs a certificate from its fields (nulls are left out). */
  public static Certificate issue(Map<String, Object> fields, SigningKey key) {
    Map<String, Object> sorted = new TreeMap<>();
    fields.forEach(
        (name, value) -> {
          if (value != null) {
            sorted.put(name, value);
          }
        });
    byte[] canonical = canonical(sorted);
    return new Certificate(
        Map.copyOf(sorted),
        sha256Hex(canonical),
        java.util.Base64.getEncoder().encodeToString(key.sign(canonical)));
  }

  public byte[] canonicalBytes() {
    return canonical(new TreeMap<>(fields));
  }

  public String docId() {
    return (String) fields.get("doc_id");
  }

  public String prev() {
    return (String) fields.get("prev");
  }

  static byte[] canonical(Map<String, Object> sorted) {
    try {
      return CANONICAL.writeValueAsBytes(sorted);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

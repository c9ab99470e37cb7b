package org.semptify.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.semptify.ops.EventSource;

/**
 * The documents the audit events anchor, checked against a store without any key: every {@code
 * vault_upload} event names a document and the chain head its certificate made; unless a later
 * {@code vault_delete} (the document) or {@code vault_deleted} (the whole vault) took it away, its
 * blob must still be in the vault, committed. A document that is not is a chain link whose bytes
 * were lost (a copy that missed it, a bucket that lost the object). Events rotated away are not
 * known, so what they anchored is not checked.
 */
public final class AnchoredDocuments {
  /** A document the events anchor that the store does not hold. */
  public record Missing(String userId, String docId) {}

  /** How many anchored documents were checked, and which of them are missing. */
  public record Result(int checked, List<Missing> missing) {}

  private AnchoredDocuments() {}

  /**
   * Checks every document {@code events} anchor in a vault of {@code vaults}, except the vaults of
   * {@code skipped} users (a deletion in progress: its blobs may be partly gone already).
   */
  public static Result check(EventSource events, VaultRepository vaults, Set<String> skipped)
      throws IOException {
    Map<String, Set<String>> live = new LinkedHashMap<>();
    events.forEach(
        event -> true,
        event -> {
          String name = event.path("event").asText("");
          JsonNode payload = event.path("payload");
          String userId = payload.path("user_id").asText("");
          String docId = payload.path("doc_id").asText("");
          switch (name) {
            case "vault_upload" -> {
              if (!userId.isEmpty() && !docId.isEmpty()) {
                live.computeIfAbsent(userId, id -> new LinkedHashSet<>()).add(docId);
              }
            }
            case "vault_delete" -> {
              Set<String> docs = live.get(userId);
              if (docs != null) {
                docs.remove(docId);
              }
            }
            case "vault_deleted" -> live.remove(userId);
            default -> {
              // other events anchor nothing here
            }
          }
        });
    int checked = 0;
    List<Missing> missing = new ArrayList<>();
    for (Map.Entry<String, Set<String>> vault : live.entrySet()) {
      if (skipped.contains(vault.getKey())) {
        continue;
      }
      Set<String> committed = new HashSet<>();
      for (BlobStore.BlobEntry blob : vaults.listBlobs(vault.getKey())) {
        if (!blob.pending()) {
          committed.add(blob.docId());
        }
      }
      for (String docId : vault.getValue()) {
        checked++;
        if (!committed.contains(docId)) {
          missing.add(new Missing(vault.getKey(), docId));
        }
      }
    }
    return new Result(checked, missing);
  }
}

package org.semptify.records;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import org.semptify.vault.Vault;

/**
 * Reads and changes a user's {@link Records}, kept in the vault's encrypted private file {@code
 * records.bin}. Every change and its audit entry are written together, atomically.
 */
public final class RecordsStore {
  private static final String FILE = "records";
  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final ObjectMapper json;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public RecordsStore(ObjectMapper json, Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  public Records load(Vault vault) {
    return vault.readPrivateFile(FILE, Records.class, Records::empty);
  }

  /** Who made a change, what, to which record, in which request. */
  public record Change(String who, String action, String recordId, String requestId) {}

  /**
   * What an edit found and made, decided from the records as they are under the vault's lock.
   *
   * @param before the record as it was (null when added)
   * @param after the record as it is now (null when deleted)
   * @param records the records with the change made
   */
  public record Edit(Object before, Object after, Records records) {}

  /**
   * Applies {@code edit} to the records as they are under the vault's lock and appends the audit
   * entry describing it, computed from that same value: an edit racing a delete finds the entry
   * gone (its lookup throws, nothing is written) instead of bringing it back. Returns the new
   * records.
   */
  public Records apply(Vault vault, Change change, Function<Records, Edit> edit)
      throws IOException {
    String at = Instant.ofEpochMilli(clock.millis()).toString();
    return vault.updatePrivateFile(
        FILE,
        Records.class,
        Records::empty,
        records -> {
          Edit made = edit.apply(records);
          return made.records()
              .withAudit(
                  new AuditEntry(
                      at,
                      change.who(),
                      change.action(),
                      change.recordId(),
                      differences(made.before(), made.after()),
                      change.requestId()));
        });
  }

  /** A new random record id such as {@code l_3k9x…}. */
  public String newId(char kind) {
    StringBuilder id = new StringBuilder().append(kind).append('_');
    for (int i = 0; i < 16; i++) {
      id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return id.toString();
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> differences(Object before, Object after) {
    Map<String, Object> old = before == null ? Map.of() : json.convertValue(before, Map.class);
    Map<String, Object> now = after == null ? Map.of() : json.convertValue(after, Map.class);
    Map<String, String> changes = new LinkedHashMap<>();
    for (String field : new TreeSet<>(union(old, now))) {
      if (field.equals("id")) {
        continue;
      }
      String was = old.get(field) == null ? null : String.valueOf(old.get(field));
      String is = now.get(field) == null ? null : String.valueOf(now.get(field));
      if (before == null && is != null) {
        changes.put(field, is);
      } else if (after == null && was != null) {
        changes.put(field, was);
      } else if (before != null && after != null && !Objects.equals(was, is)) {
        changes.put(field, (was == null ? "" : was) + " → " + (is == null ? "" : is));
      }
    }
    return changes;
  }

  private static java.util.Set<String> union(Map<String, Object> a, Map<String, Object> b) {
    java.util.Set<String> all = new java.util.HashSet<>(a.keySet());
    all.addAll(b.keySet());
    return all;
  }
}

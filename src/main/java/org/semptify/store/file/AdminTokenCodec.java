package org.semptify.store.file;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.semptify.crypto.Tokens;
import org.semptify.store.AdminRole;
import org.semptify.store.AdminToken;
import org.semptify.store.EntryFields;
import org.semptify.store.InvalidStateFileException;

/**
 * Entries of admin_tokens.json: the canonical {@code {"id","hash","created_ts","enabled",
 * "breakglass","role","expires_ts","used_ts"}}, plus the original's legacy plaintext {@code
 * "token"} and "token → metadata" object forms, which are hashed on read.
 */
final class AdminTokenCodec implements EntryFile.Codec<AdminToken> {
  private static final Set<String> KNOWN =
      Set.of(
          "id",
          "hash",
          "created_ts",
          "enabled",
          "breakglass",
          "expires_ts",
          "used_ts",
          "sessions_ended_ts",
          "role");

  @Override
  public AdminToken read(ObjectNode entry, int index) {
    String hash;
    String id;
    boolean plaintext = false;
    String key = entry.path("_key").asText(null);
    if (entry.hasNonNull("token")) {
      hash = Tokens.hash(entry.get("token").asText());
      plaintext = true;
      boolean idIsOnlyTheKey = key != null && key.equals(entry.path("id").asText(null));
      id =
          entry.hasNonNull("id") && !idIsOnlyTheKey ? EntryFields.id(entry, index) : legacyId(hash);
    } else if (!entry.hasNonNull("hash") && key != null) {
      // The original's "token -> metadata" object: the key itself is the plaintext token.
      hash = Tokens.hash(key);
      plaintext = true;
      id = legacyId(hash);
    } else {
      id = EntryFields.id(entry, index);
      hash = EntryFields.hash(entry, id);
      if (hash == null) {
        throw new InvalidStateFileException("entry '" + id + "' has neither hash nor token");
      }
    }
    Long created = EntryFields.epochSeconds(entry, "created_ts", id);
    return new AdminToken(
        id,
        hash,
        created == null ? 0 : created,
        EntryFields.bool(entry, "enabled", true, id),
        EntryFields.bool(entry, "breakglass", false, id),
        EntryFields.epochSeconds(entry, "expires_ts", id),
        EntryFields.epochSeconds(entry, "used_ts", id),
        plaintext,
        EntryFields.epochMillis(entry, "sessions_ended_ts", id),
        EntryFields.extras(entry, KNOWN),
        role(entry, id));
  }

  /** {@code "role"}: absent (a legacy file) is owner; an unknown name fails closed. */
  private static AdminRole role(ObjectNode entry, String id) {
    if (!entry.hasNonNull("role")) {
      return AdminRole.OWNER;
    }
    return AdminRole.parse(entry.get("role").asText())
        .orElseThrow(
            () ->
                new InvalidStateFileException(
                    "entry '" + id + "' has an unknown role (owner, operator or auditor)"));
  }

  @Override
  public ObjectNode write(AdminToken token) {
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    entry.put("id", token.id());
    entry.put("hash", token.hash());
    entry.put("created_ts", token.createdTs());
    entry.put("enabled", token.enabled());
    entry.put("breakglass", token.breakglass());
    entry.put("role", token.role().wireName());
    if (token.expiresTs() != null) {
      entry.put("expires_ts", token.expiresTs());
    }
    if (token.usedTs() != null) {
      entry.put("used_ts", token.usedTs());
    }
    if (token.sessionsEndedMs() != 0) {
      EntryFields.putEpochMillis(entry, "sessions_ended_ts", token.sessionsEndedMs());
    }
    token.extras().forEach(entry::set);
    return entry;
  }

  @Override
  public String id(AdminToken value) {
    return value.id();
  }

  @Override
  public String hash(AdminToken value) {
    return value.hash();
  }

  private static String legacyId(String hash) {
    return "legacy-" + hash.substring("sha256:".length(), "sha256:".length() + 8);
  }
}

package org.semptify.store.file;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.semptify.store.EntryFields;
import org.semptify.store.InvalidStateFileException;
import org.semptify.store.UserAccount;

/**
 * Entries of users.json: {@code
 * {"id","hash","created_ts","enabled","expires_ts","salt","wrapped_key", …}}.
 */
final class UserCodec implements EntryFile.Codec<UserAccount> {
  private static final Set<String> KNOWN =
      Set.of(
          "id",
          "hash",
          "created_ts",
          "enabled",
          "expires_ts",
          "salt",
          "wrapped_key",
          "sessions_ended_ts");

  @Override
  public UserAccount read(ObjectNode entry, int index) {
    String id = EntryFields.id(entry, index);
    String hash = EntryFields.hash(entry, id);
    if (hash == null) {
      throw new InvalidStateFileException("entry '" + id + "' has no hash");
    }
    Long created = EntryFields.epochSeconds(entry, "created_ts", id);
    return new UserAccount(
        id,
        hash,
        created == null ? 0 : created,
        EntryFields.bool(entry, "enabled", true, id),
        EntryFields.epochSeconds(entry, "expires_ts", id),
        entry.path("salt").asText(null),
        entry.path("wrapped_key").asText(null),
        EntryFields.epochMillis(entry, "sessions_ended_ts", id),
        EntryFields.extras(entry, KNOWN));
  }

  @Override
  public ObjectNode write(UserAccount user) {
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    entry.put("id", user.id());
    entry.put("hash", user.hash());
    entry.put("created_ts", user.createdTs());
    entry.put("enabled", user.enabled());
    if (user.expiresTs() != null) {
      entry.put("expires_ts", user.expiresTs());
    }
    if (user.salt() != null) {
      entry.put("salt", user.salt());
    }
    if (user.wrappedKey() != null) {
      entry.put("wrapped_key", user.wrappedKey());
    }
    if (user.sessionsEndedMs() != 0) {
      EntryFields.putEpochMillis(entry, "sessions_ended_ts", user.sessionsEndedMs());
    }
    user.extras().forEach(entry::set);
    return entry;
  }

  @Override
  public String id(UserAccount value) {
    return value.id();
  }

  @Override
  public String hash(UserAccount value) {
    return value.hash();
  }
}

package org.semptify.users;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.semptify.auth.TokenKind;
import org.semptify.auth.Tokens;
import org.semptify.ops.EventLog;
import org.semptify.store.EntryFile;
import org.semptify.store.EntryFileFormat;
import org.semptify.store.LockedJsonFile;

/**
 * {@code security/users.json}: anonymous accounts, looked up by the hash of their token in O(1).
 * The operator (CLI, admin page or a hand edit) can disable an account or set its expiry.
 */
public final class UserStore {
  private static final UserCodec CODEC = new UserCodec();

  private final EntryFile<UserAccount> file;

  public UserStore(LockedJsonFile lockedFile, ObjectMapper json, EventLog events) {
    this.file =
        new EntryFile<>(lockedFile, new EntryFileFormat(json, "users"), CODEC, events, users -> {});
  }

  public Optional<UserAccount> findByToken(String token) {
    if (token == null
        || token.isEmpty()
        || Tokens.isMalformedSemptifyToken(token, TokenKind.USER)) {
      return Optional.empty();
    }
    String hash = Tokens.hash(token);
    return file.byHash(hash).filter(user -> Tokens.constantTimeEquals(user.hash(), hash));
  }

  public Optional<UserAccount> findById(String id) {
    return file.byId(id);
  }

  public List<UserAccount> list() {
    return file.list();
  }

  public EntryFile<UserAccount> file() {
    return file;
  }

  public void setEnabled(String id, boolean enabled) {
    file.update(users -> EntryFile.replace(users, CODEC, id, u -> u.withEnabled(enabled)));
  }

  /** Sets (or with null clears) the moment after which the account's token stops working. */
  public void setExpiry(String id, Long expiresTs) {
    file.update(users -> EntryFile.replace(users, CODEC, id, u -> u.withExpiry(expiresTs)));
  }
}

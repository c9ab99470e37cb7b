package org.semptify.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Payload;
import org.semptify.store.EntryFields;
import org.semptify.store.EntryFile;
import org.semptify.store.EntryFileFormat;
import org.semptify.store.LockedJsonFile;

/**
 * {@code security/admin_tokens.json}: admin tokens stored only as {@code sha256:} hashes, looked up
 * by hash. Shared safely with the command line; see {@link EntryFile} for reloading and failing
 * closed.
 */
public final class AdminTokenStore {
  private static final AdminTokenCodec CODEC = new AdminTokenCodec();

  private final EntryFile<AdminToken> file;
  private final Clock clock;

  /** A token as issued: its id, and its value, which exists nowhere else. */
  public record Issued(String id, String value) {}

  public AdminTokenStore(
      LockedJsonFile lockedFile, ObjectMapper json, EventLog events, Clock clock) {
    this.clock = clock;
    this.file =
        new EntryFile<>(
            lockedFile,
            new EntryFileFormat(json, "tokens", true),
            CODEC,
            events,
            this::warnAboutPlaintext);
  }

  /** The entry this token value opens, if any, whether or not it is enabled. */
  public Optional<AdminToken> findByToken(String token) {
    if (token == null
        || token.isEmpty()
        || Tokens.isMalformedSemptifyToken(token, TokenKind.ADMIN)) {
      return Optional.empty(); // a typo is rejected before any lookup
    }
    String hash = Tokens.hash(token);
    // The map finds the candidate by hash; the final comparison is constant-time.
    return file.byHash(hash).filter(entry -> Tokens.constantTimeEquals(entry.hash(), hash));
  }

  public Optional<AdminToken> findById(String id) {
    return file.byId(id);
  }

  public List<AdminToken> list() {
    return file.list();
  }

  public EntryFile<AdminToken> file() {
    return file;
  }

  public Issued create(String id, boolean breakglass, Long expiresTs) {
    if (id != null && !EntryFields.SAFE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "token ids use letters, digits, '.', '_' and '-' (1 to 64)");
    }
    String value = Tokens.generate(TokenKind.ADMIN);
    String[] chosenId = new String[1];
    long now = now();
    file.update(
        tokens -> {
          chosenId[0] = id != null ? id : freshId(tokens);
          if (tokens.stream().anyMatch(t -> t.id().equals(chosenId[0]))) {
            throw new IllegalArgumentException(
                "a token with id '" + chosenId[0] + "' already exists");
          }
          List<AdminToken> updated = new ArrayList<>(tokens);
          updated.add(
              new AdminToken(
                  chosenId[0],
                  Tokens.hash(value),
                  now,
                  true,
                  breakglass,
                  expiresTs,
                  null,
                  false,
                  Map.of()));
          return updated;
        });
    return new Issued(chosenId[0], value);
  }

  /**
   * Gives token {@code id} a new value (generated unless given) and returns it; the old one stops
   * working.
   */
  public String rotate(String id, String newValue) {
    String value = newValue != null ? newValue : Tokens.generate(TokenKind.ADMIN);
    String hash = Tokens.hash(value);
    long now = now();
    file.update(tokens -> EntryFile.replace(tokens, CODEC, id, t -> t.withHash(hash, now)));
    return value;
  }

  /** Enables or disables token {@code id}; disabling ends all of its sessions, breakglass too. */
  public void setEnabled(String id, boolean enabled) {
    file.update(
        tokens ->
            EntryFile.replace(
                tokens, CODEC, id, t -> enabled ? t.withEnabled(true) : t.disabled()));
  }

  /**
   * Consumes breakglass token {@code id} if it is still unused: {@code breakglass: false, enabled:
   * false, used_ts: now} is on disk before this returns true. Of concurrent callers, exactly one
   * wins.
   */
  public boolean consumeBreakglass(String id) {
    long now = now();
    return file.update(
        tokens -> {
          AdminToken entry =
              tokens.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
          if (entry == null || !entry.breakglass() || !entry.usable(now)) {
            return null;
          }
          return EntryFile.replace(tokens, CODEC, id, t -> t.consumed(now));
        });
  }

  /** Rewrites plaintext entries as hashes; returns how many there were. */
  public int migrate() {
    int[] count = new int[1];
    file.update(
        tokens -> {
          count[0] = (int) tokens.stream().filter(AdminToken::plaintextInFile).count();
          return count[0] == 0 ? null : tokens.stream().map(AdminToken::hashed).toList();
        });
    return count[0];
  }

  /**
   * Gives every usable non-breakglass token a fresh value (returned) and retires every other entry:
   * disabled under a hash no value matches, so no old value and no session of any token (a spent
   * breakglass token's included) survives.
   */
  public List<Issued> revokeAll() {
    List<Issued> issued = new ArrayList<>();
    long now = now();
    file.update(
        tokens -> {
          issued.clear();
          List<AdminToken> updated = new ArrayList<>();
          for (AdminToken token : tokens) {
            if (token.usable(now) && !token.breakglass()) {
              String value = Tokens.generate(TokenKind.ADMIN);
              issued.add(new Issued(token.id(), value));
              updated.add(token.withHash(Tokens.hash(value), now));
            } else {
              updated.add(token.retired());
            }
          }
          return updated;
        });
    return issued;
  }

  private void warnAboutPlaintext(List<AdminToken> tokens) {
    long plaintext = tokens.stream().filter(AdminToken::plaintextInFile).count();
    if (plaintext > 0) {
      file.record(
          EventType.PLAINTEXT_TOKEN_IN_FILE,
          Payload.of(EventField.FILE, file.name()).with(EventField.COUNT, plaintext));
    }
  }

  private static String freshId(List<AdminToken> tokens) {
    String candidate;
    do {
      String random = Tokens.generate(TokenKind.ADMIN).substring(5, 15).toLowerCase(Locale.ROOT);
      candidate = "admin-" + random;
    } while (containsId(tokens, candidate));
    return candidate;
  }

  private static boolean containsId(List<AdminToken> tokens, String id) {
    return tokens.stream().anyMatch(t -> t.id().equals(id));
  }

  private long now() {
    return clock.millis() / 1000;
  }
}

package org.semptify.admin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.semptify.crypto.TokenKind;
import org.semptify.crypto.Tokens;
import org.semptify.store.AdminRole;
import org.semptify.store.AdminToken;
import org.semptify.store.AdminTokenRepository;
import org.semptify.store.DuplicateEntryException;
import org.semptify.store.EntryFields;

/**
 * Admin tokens, stored only as {@code sha256:} hashes and looked up by hash, kept by an {@link
 * AdminTokenRepository} ({@code security/admin_tokens.json} on files, shared safely with the
 * command line, reloaded on change and failing closed).
 */
public final class AdminTokenStore {
  private final AdminTokenRepository repository;
  private final Clock clock;

  /** A token as issued: its id, and its value, which exists nowhere else. */
  public record Issued(String id, String value) {}

  public AdminTokenStore(AdminTokenRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
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
    return repository
        .findByHash(hash)
        .filter(entry -> Tokens.constantTimeEquals(entry.hash(), hash));
  }

  public Optional<AdminToken> findById(String id) {
    return repository.findById(id);
  }

  public List<AdminToken> list() {
    return repository.list();
  }

  /** Null when the tokens can be used, else why not (never any stored content). */
  public String problem() {
    return repository.problem();
  }

  public AdminTokenRepository repository() {
    return repository;
  }

  public Issued create(String id, boolean breakglass, Long expiresTs) {
    return create(id, breakglass, expiresTs, AdminRole.OWNER);
  }

  /** A new token of {@code role}; a breakglass token is always {@code owner}. */
  public Issued create(String id, boolean breakglass, Long expiresTs, AdminRole role) {
    if (breakglass && role != AdminRole.OWNER) {
      throw new IllegalArgumentException("a breakglass token is always owner");
    }
    if (id != null && !EntryFields.SAFE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "token ids use letters, digits, '.', '_' and '-' (1 to 64)");
    }
    String value = Tokens.generate(TokenKind.ADMIN);
    long now = now();
    while (true) {
      String chosenId = id != null ? id : freshId();
      try {
        repository.add(
            new AdminToken(
                chosenId,
                Tokens.hash(value),
                now,
                true,
                breakglass,
                expiresTs,
                null,
                false,
                0,
                Map.of(),
                role));
        return new Issued(chosenId, value);
      } catch (DuplicateEntryException taken) {
        if (id != null) {
          throw taken; // the operator's id is in use; a generated one is drawn again
        }
      }
    }
  }

  /**
   * Gives token {@code id} a new value (generated unless given) and returns it; the old one stops
   * working.
   */
  public String rotate(String id, String newValue) {
    String value = newValue != null ? newValue : Tokens.generate(TokenKind.ADMIN);
    String hash = Tokens.hash(value);
    long now = now();
    long nowMillis = clock.millis();
    repository.update(id, t -> t.withHash(hash, now, nowMillis));
    return value;
  }

  /** Gives token {@code id} another role; returns the role it had. */
  public AdminRole setRole(String id, AdminRole role) {
    AdminRole[] before = new AdminRole[1];
    repository.update(
        id,
        t -> {
          before[0] = t.role();
          return t.withRole(role);
        });
    return before[0];
  }

  /** Enables or disables token {@code id}; disabling ends all of its sessions, breakglass too. */
  public void setEnabled(String id, boolean enabled) {
    long nowMillis = clock.millis();
    repository.update(id, t -> enabled ? t.reEnabled() : t.disabled(nowMillis));
  }

  /**
   * Consumes breakglass token {@code id} if it is still unused: {@code breakglass: false, enabled:
   * false, used_ts: now} is on disk before this returns true. Of concurrent callers, exactly one
   * wins.
   */
  public boolean consumeBreakglass(String id) {
    return repository.consumeBreakglass(id, now());
  }

  /** Rewrites plaintext entries as hashes; returns how many there were. */
  public int migrate() {
    return repository.updateAll(t -> t.plaintextInFile() ? t.hashed() : t);
  }

  /**
   * Gives every usable non-breakglass token a fresh value (returned) and retires every other entry:
   * disabled under a hash no value matches, so no old value and no session of any token (a spent
   * breakglass token's included) survives.
   */
  public List<Issued> revokeAll() {
    List<Issued> issued = new ArrayList<>();
    long now = now();
    long nowMillis = clock.millis();
    repository.updateAll(
        token -> {
          if (token.usable(now) && !token.breakglass()) {
            String value = Tokens.generate(TokenKind.ADMIN);
            issued.add(new Issued(token.id(), value));
            return token.withHash(Tokens.hash(value), now, nowMillis);
          }
          return token.retired(nowMillis);
        });
    return List.copyOf(issued);
  }

  private static String freshId() {
    String random = Tokens.generate(TokenKind.ADMIN).substring(5, 15).toLowerCase(Locale.ROOT);
    return "admin-" + random;
  }

  private long now() {
    return clock.millis() / 1000;
  }
}

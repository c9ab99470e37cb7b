package org.semptify.users;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.semptify.crypto.TokenKind;
import org.semptify.crypto.Tokens;
import org.semptify.crypto.VaultKeys;
import org.semptify.store.UserAccount;
import org.semptify.store.UserRepository;

/**
 * Anonymous accounts, looked up by the hash of their token; kept by a {@link UserRepository}
 * ({@code security/users.json} on files, where a lookup is O(1)). The operator (CLI, admin page or
 * a hand edit) can disable an account or set its expiry.
 */
public final class UserStore {
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final UserRepository repository;
  private final java.time.Clock clock;

  public UserStore(UserRepository repository, java.time.Clock clock) {
    this.clock = clock;
    this.repository = repository;
  }

  public Optional<UserAccount> findByToken(String token) {
    if (token == null
        || token.isEmpty()
        || Tokens.isMalformedSemptifyToken(token, TokenKind.USER)) {
      return Optional.empty();
    }
    String hash = Tokens.hash(token);
    return repository.findByHash(hash).filter(user -> Tokens.constantTimeEquals(user.hash(), hash));
  }

  public Optional<UserAccount> findById(String id) {
    return repository.findById(id);
  }

  public List<UserAccount> list() {
    return repository.list();
  }

  /** Null when the accounts can be used, else why not (never any stored content). */
  public String problem() {
    return repository.problem();
  }

  public UserRepository repository() {
    return repository;
  }

  /** A new account as registered: its id, its token (shown once) and its vault's data key. */
  public record Registered(String id, String token, byte[] dataKey) {}

  /** Creates an account with a random id (never derived from the token) and a fresh vault key. */
  public Registered register(long nowSeconds) {
    return registerAll(1, nowSeconds).get(0);
  }

  /**
   * Creates {@code count} accounts in one atomic write (an operator's bulk import, or a benchmark's
   * population); each gets its own token and vault key.
   */
  public List<Registered> registerAll(int count, long nowSeconds) {
    List<Registered> registered = new ArrayList<>(count);
    List<UserAccount> accounts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String token = Tokens.generate(TokenKind.USER);
      byte[] dataKey = VaultKeys.newDataKey();
      // 20 random characters (about 100 bits); the store refuses the never-seen collision.
      String id = "u_" + Tokens.generate(TokenKind.USER).substring(5, 25).toLowerCase(Locale.ROOT);
      byte[] salt = VaultKeys.newSalt();
      accounts.add(
          new UserAccount(
              id,
              Tokens.hash(token),
              nowSeconds,
              true,
              null,
              B64.encodeToString(salt),
              B64.encodeToString(VaultKeys.wrap(dataKey, token, salt, id)),
              0,
              Map.of()));
      registered.add(new Registered(id, token, dataKey));
    }
    repository.addAll(accounts);
    return List.copyOf(registered);
  }

  /** The vault data key this token unwraps for this account. */
  public byte[] dataKey(UserAccount user, String token) throws GeneralSecurityException {
    if (user.salt() == null || user.wrappedKey() == null) {
      throw new GeneralSecurityException("account has no vault key");
    }
    return VaultKeys.unwrap(
        B64D.decode(user.wrappedKey()), token, B64D.decode(user.salt()), user.id());
  }

  /** Replaces the account's token: the data key is wrapped anew, the old token stops working. */
  public String rotateToken(String id, byte[] dataKey) {
    String token = Tokens.generate(TokenKind.USER);
    byte[] salt = VaultKeys.newSalt();
    String wrapped = B64.encodeToString(VaultKeys.wrap(dataKey, token, salt, id));
    repository.update(
        id, u -> u.withCredentials(Tokens.hash(token), B64.encodeToString(salt), wrapped));
    return token;
  }

  public void setEnabled(String id, boolean enabled) {
    long nowMillis = clock.millis();
    repository.update(id, u -> enabled ? u.reEnabled() : u.disabled(nowMillis));
  }

  /** Sets (or with null clears) the moment after which the account's token stops working. */
  public void setExpiry(String id, Long expiresTs) {
    long nowMillis = clock.millis();
    repository.update(id, u -> u.withExpiry(expiresTs, nowMillis));
  }
}

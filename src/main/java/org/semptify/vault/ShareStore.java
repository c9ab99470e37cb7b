package org.semptify.vault;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.semptify.crypto.TokenKind;
import org.semptify.crypto.Tokens;
import org.semptify.crypto.VaultKeys;
import org.semptify.store.Share;
import org.semptify.store.ShareRepository;

/**
 * The live shares, kept by a {@link ShareRepository} (one file each, on files); revoking deletes
 * the share, and with it the only key wrap.
 */
public final class ShareStore {
  private static final Pattern SHARE_ID = Pattern.compile("s_[a-z0-9]{20}");
  private final ShareRepository repository;

  public ShareStore(ShareRepository repository) {
    this.repository = repository;
  }

  /**
   * A share as issued: its id, its token (shown once and stored nowhere) and the stored form, not
   * written yet: the owner's manifest names the share before {@link #store} creates its file, so a
   * crash in between leaves a dead note the owner can revoke, never a live share she cannot see.
   */
  public record Issued(String shareId, String token, Share share) {}

  public Issued issue(
      String userId, byte[] dataKey, long nowSeconds, long expiresTs, List<String> docIds) {
    String shareId =
        "s_" + Tokens.generate(TokenKind.SHARE).substring(5, 25).toLowerCase(Locale.ROOT);
    String token = Tokens.generate(TokenKind.SHARE);
    byte[] salt = VaultKeys.newSalt();
    Share share =
        new Share(
            shareId,
            userId,
            Tokens.hash(token),
            Base64.getEncoder().encodeToString(salt),
            Base64.getEncoder()
                .encodeToString(VaultKeys.wrap(dataKey, token, salt, "share " + shareId)),
            nowSeconds,
            expiresTs,
            List.copyOf(docIds));
    return new Issued(shareId, token, share);
  }

  /** Stores the share (a file, 0600, written atomically): from now on its link works. */
  public void store(Share share) {
    repository.put(share);
  }

  public Optional<Share> find(String shareId) {
    if (shareId == null || !SHARE_ID.matcher(shareId).matches()) {
      return Optional.empty();
    }
    return repository.find(shareId);
  }

  /** The vault key, if {@code token} is this share's token; constant-time hash comparison. */
  public Optional<byte[]> unlock(Share share, String token) {
    if (token == null
        || !Tokens.isWellFormed(token, TokenKind.SHARE)
        || !Tokens.constantTimeEquals(share.hash(), Tokens.hash(token))) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          VaultKeys.unwrap(
              Base64.getDecoder().decode(share.wrappedKey()),
              token,
              Base64.getDecoder().decode(share.salt()),
              "share " + share.shareId()));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /** Deletes the share's key wrap: the link stops working at once. */
  public boolean revoke(String userId, String shareId) {
    if (shareId == null || !SHARE_ID.matcher(shareId).matches()) {
      return false;
    }
    return repository.deleteOwned(userId, shareId);
  }
}

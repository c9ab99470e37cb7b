package org.semptify.vault.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.semptify.crypto.Tokens;
import org.semptify.security.web.Sessions;
import org.semptify.store.UserAccount;
import org.semptify.users.UserStore;
import org.semptify.users.VaultAccess;
import org.semptify.users.web.UserAuthenticator;
import org.semptify.vault.Manifest;
import org.semptify.vault.ShareNote;
import org.semptify.vault.VaultDeletion;
import org.semptify.vault.VaultStorage;
import org.semptify.web.Pages;
import org.semptify.web.RequestAttributes;
import org.semptify.web.ResponseFormat;

/**
 * "Delete my vault": {@code GET /vault/delete} says plainly what will be lost, that it cannot be
 * undone, and offers the export first; {@code POST /vault/delete} (CSRF, and the token typed again
 * in {@code confirm_token}) deletes it through {@link VaultDeletion} and ends the session.
 */
public final class VaultDeletionHandlers {
  /** The form field holding the token typed again (never {@code user_token}: that one signs in). */
  static final String CONFIRM_FIELD = "confirm_token";

  private final UserAuthenticator auth;
  private final UserStore users;
  private final VaultStorage storage;
  private final VaultDeletion deletion;
  private final Sessions sessions;
  private final Pages pages;

  public VaultDeletionHandlers(
      UserAuthenticator auth,
      UserStore users,
      VaultStorage storage,
      VaultDeletion deletion,
      Sessions sessions,
      Pages pages) {
    this.auth = auth;
    this.users = users;
    this.storage = storage;
    this.deletion = deletion;
    this.sessions = sessions;
    this.pages = pages;
  }

  /** {@code GET /vault/delete}: what will be lost, the export, and the form. */
  public void confirm(Context ctx) {
    VaultAccess access = auth.require(ctx);
    render(ctx, access, null);
  }

  /** {@code POST /vault/delete}. */
  public void delete(Context ctx) throws IOException {
    VaultAccess access = auth.require(ctx);
    UserAccount account = users.findById(access.userId()).orElseThrow(() -> unauthorized());
    String typed = ctx.formParam(CONFIRM_FIELD);
    if (typed == null || !Tokens.constantTimeEquals(account.hash(), Tokens.hash(typed.strip()))) {
      ctx.status(403);
      if (ResponseFormat.wantsHtml(ctx)) {
        render(ctx, access, pages.translator(ctx).t("vaultDelete.wrongToken"));
      } else {
        ctx.json(
            Map.of(
                "error",
                "type the vault's token again in the confirm_token field to delete it",
                "request_id",
                RequestAttributes.requestId(ctx)));
      }
      return;
    }
    String requestId = RequestAttributes.requestId(ctx);
    storage.exclusively(access.userId(), () -> deletion.delete(access.userId(), requestId));
    sessions.endUser(ctx);
    if (ResponseFormat.wantsHtml(ctx)) {
      pages.render(ctx, "vault_deleted.jte", Map.of());
    } else {
      ctx.json(Map.of("deleted", true));
    }
  }

  private void render(Context ctx, VaultAccess access, String error) {
    Manifest manifest = storage.open(access).manifest();
    long liveShares =
        manifest.shares().stream()
            .filter(share -> !share.revoked())
            .map(ShareNote::shareId)
            .distinct()
            .count();
    Map<String, Object> params = new HashMap<>();
    params.put("documents", manifest.documents().size());
    params.put("shares", (int) liveShares);
    params.put("error", error == null ? "" : error);
    pages.render(ctx, "vault_delete.jte", params);
  }

  private static org.semptify.users.web.UserUnauthorizedException unauthorized() {
    return new org.semptify.users.web.UserUnauthorizedException();
  }
}

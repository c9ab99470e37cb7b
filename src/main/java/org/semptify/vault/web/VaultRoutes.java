package org.semptify.vault.web;

import io.javalin.http.Context;
import java.util.Map;
import org.semptify.i18n.Message;
import org.semptify.vault.ShareUnavailableException;
import org.semptify.web.ErrorResponder;
import org.semptify.web.Pages;
import org.semptify.web.ResponseFormat;
import org.semptify.web.RouteTable;

/** The vault's pages and API, its export, and share links. */
public final class VaultRoutes {
  private static final Message UNAUTHORIZED = Message.of("error.unauthorized");

  private final VaultHandlers vault;
  private final ExportHandler export;
  private final ShareHandlers shares;
  private final Pages pages;
  private final ErrorResponder errors;
  private final VaultDeletionHandlers deletion;

  public VaultRoutes(
      VaultHandlers vault,
      ExportHandler export,
      ShareHandlers shares,
      Pages pages,
      ErrorResponder errors,
      VaultDeletionHandlers deletion) {
    this.vault = vault;
    this.export = export;
    this.shares = shares;
    this.pages = pages;
    this.errors = errors;
    this.deletion = deletion;
  }

  public void register(RouteTable routes) {
    routes.get("/vault", vault::page);
    routes.post("/vault/open", vault::open);
    routes.post("/vault/logout", vault::logout);
    routes.upload("/vault/upload", vault::upload);
    routes.get("/vault/files/{id}", vault::download);
    routes.get("/vault/files/{id}/certificate", vault::certificate);
    routes.post("/vault/files/{id}/delete", vault::delete);
    routes.get("/vault/export", export::export);
    routes.get("/api/vault", vault::list);
    routes.upload("/api/vault", vault::upload);
    routes.get("/api/vault/{id}", vault::document);
    routes.get("/api/vault/{id}/certificate", vault::certificate);
    routes.delete("/api/vault/{id}", vault::delete);
    routes.get("/.well-known/semptify-signing-key.pem", vault::signingKey);
    routes.post("/vault/token/rotate", vault::rotateToken);
    routes.post("/vault/shares", shares::create);
    routes.post("/vault/shares/{id}/revoke", shares::revoke);
    routes.get("/vault/share/{id}", shares::view);
    routes.get("/vault/share/{id}/files/{doc}", shares::download);
    routes.get("/vault/share/{id}/files/{doc}/certificate", shares::certificate);
    routes.get("/vault/delete", deletion::confirm);
    routes.post("/vault/delete", deletion::delete);
    routes.config().exception(ShareUnavailableException.class, (e, ctx) -> deadShareLink(ctx));
  }

  /** A revoked, expired or unknown share link: said in words, not the tenant's sign-in form. */
  private void deadShareLink(Context ctx) {
    if (ResponseFormat.wantsHtml(ctx)) {
      ctx.status(401);
      pages.render(ctx, "share_unavailable.jte", Map.of());
    } else {
      errors.respond(ctx, 401, UNAUTHORIZED);
    }
  }
}

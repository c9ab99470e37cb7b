package org.semptify.users.web;

import io.javalin.http.Context;
import java.util.Map;
import org.semptify.i18n.Message;
import org.semptify.security.web.PresentedToken;
import org.semptify.security.web.Sessions;
import org.semptify.web.ErrorResponder;
import org.semptify.web.Pages;
import org.semptify.web.ResponseFormat;
import org.semptify.web.RouteTable;

/** Registration, the token file, and what a tenant sees when a vault cannot be opened. */
public final class UserRoutes {
  private static final Message UNAUTHORIZED = Message.of("error.unauthorized");

  private final RegistrationHandlers registration;
  private final Pages pages;
  private final ErrorResponder errors;
  private final Sessions sessions;

  public UserRoutes(
      RegistrationHandlers registration, Pages pages, ErrorResponder errors, Sessions sessions) {
    this.registration = registration;
    this.pages = pages;
    this.errors = errors;
    this.sessions = sessions;
  }

  public void register(RouteTable routes) {
    routes.get("/register", registration::form);
    routes.post("/register", registration::register);
    routes.post("/vault/token/file", registration::tokenFile);
    routes.config().exception(UserUnauthorizedException.class, (e, ctx) -> unauthorizedUser(ctx));
    routes.config().exception(VaultSwitchRequested.class, (e, ctx) -> holdForConfirmation(ctx));
    routes.get("/vault/open", this::confirmVaultSwitch);
    routes
        .config()
        .exception(
            TokenLeavesAddressBar.class,
            (e, ctx) -> ctx.redirect(e.location(), io.javalin.http.HttpStatus.SEE_OTHER));
  }

  /**
   * The tenant's sign-in form; when the request presented a token that opened nothing, the form
   * says so first, as an announced alert that takes the focus.
   */
  private void unauthorizedUser(Context ctx) {
    if (ResponseFormat.wantsHtml(ctx)) {
      ctx.status(401);
      boolean triedToken = PresentedToken.find(ctx, "X-User-Token", "user_token") != null;
      pages.render(
          ctx,
          "vault_login.jte",
          triedToken ? Map.of("error", pages.translator(ctx).t("login.wrongToken")) : Map.of());
    } else {
      errors.respond(ctx, 401, UNAUTHORIZED);
    }
  }

  /**
   * A link's token that must be confirmed first: it is held in a sealed, short-lived cookie and the
   * browser goes on to the confirmation page, whose address (and so the history) carries no token.
   */
  private void holdForConfirmation(Context ctx) {
    String token = ctx.queryParam("user_token");
    if (ResponseFormat.wantsHtml(ctx) && token != null) {
      sessions.holdPendingToken(ctx, token.strip());
      ctx.redirect("/vault/open", io.javalin.http.HttpStatus.SEE_OTHER);
    } else {
      errors.respond(
          ctx,
          409,
          "a token in a link does not replace the open vault; confirm in a browser or send the"
              + " X-User-Token header");
    }
  }

  /**
   * {@code GET /vault/open}, "Open a different vault?": only a click, with its CSRF token, opens
   * the vault whose token is waiting; without one waiting there is nothing to confirm.
   */
  private void confirmVaultSwitch(Context ctx) {
    if (sessions.pendingToken(ctx).isEmpty()) {
      ctx.redirect("/vault", io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    pages.render(ctx, "vault_switch.jte", Map.of("vaultOpen", sessions.user(ctx).isPresent()));
  }
}

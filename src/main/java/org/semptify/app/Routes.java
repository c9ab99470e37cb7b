package org.semptify.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.semptify.admin.AdminUnauthorizedException;
import org.semptify.admin.web.AdminActions;
import org.semptify.admin.web.AdminPages;
import org.semptify.documents.TenantForm;
import org.semptify.documents.web.DocumentHandlers;
import org.semptify.documents.web.ResourceHandlers;
import org.semptify.i18n.Language;
import org.semptify.i18n.Message;
import org.semptify.records.web.RecordRoutes;
import org.semptify.security.web.AdminRateLimitFilter;
import org.semptify.security.web.CsrfFilter;
import org.semptify.security.web.PresentedToken;
import org.semptify.security.web.Sessions;
import org.semptify.users.web.RegistrationHandlers;
import org.semptify.users.web.TokenLeavesAddressBar;
import org.semptify.users.web.UserUnauthorizedException;
import org.semptify.users.web.VaultSwitchRequested;
import org.semptify.vault.ShareUnavailableException;
import org.semptify.vault.web.ExportHandler;
import org.semptify.vault.web.ShareHandlers;
import org.semptify.vault.web.VaultHandlers;
import org.semptify.web.ErrorResponder;
import org.semptify.web.LocalPath;
import org.semptify.web.Pages;
import org.semptify.web.RequestAttributes;
import org.semptify.web.ResponseFormat;
import org.semptify.web.RouteTable;

/** The route table: every endpoint of the server, and the filters that guard them, in one place. */
final class Routes {
  private static final Message UNAUTHORIZED = Message.of("error.unauthorized");

  private final Pages pages;
  private final OpsHandlers ops;
  private final AdminRateLimitFilter adminRateLimit;
  private final CsrfFilter csrf;
  private final AdminPages admin;
  private final AdminActions adminActions;
  private final RegistrationHandlers registration;
  private final VaultHandlers vault;
  private final ExportHandler export;
  private final ShareHandlers shares;
  private final DocumentHandlers documents;
  private final ResourceHandlers resources;
  private final RecordRoutes records;
  private final ErrorResponder errors;
  private final Sessions sessions;

  Routes(
      Pages pages,
      OpsHandlers ops,
      AdminRateLimitFilter adminRateLimit,
      CsrfFilter csrf,
      AdminPages admin,
      AdminActions adminActions,
      RegistrationHandlers registration,
      VaultHandlers vault,
      ExportHandler export,
      ShareHandlers shares,
      DocumentHandlers documents,
      ResourceHandlers resources,
      RecordRoutes records,
      ErrorResponder errors,
      Sessions sessions) {
    this.pages = pages;
    this.ops = ops;
    this.adminRateLimit = adminRateLimit;
    this.csrf = csrf;
    this.admin = admin;
    this.adminActions = adminActions;
    this.registration = registration;
    this.vault = vault;
    this.export = export;
    this.shares = shares;
    this.documents = documents;
    this.resources = resources;
    this.records = records;
    this.errors = errors;
    this.sessions = sessions;
  }

  void register(RoutesConfig config) {
    // Matched requests only: admin routes are rate limited first (unauthenticated attempts count),
    // then every state-changing request passes the CSRF checks.
    config.beforeMatched(this::guard);
    // Fails closed when an upload's deferred CSRF check was never completed by its handler.
    config.afterMatched(csrf::requireCompleted);
    RouteTable routes = new RouteTable(config);

    routes.get("/", ctx -> pages.render(ctx, "index.jte", Map.of()));
    routes.get("/exit", this::quickExit);
    routes.get("/language", this::chooseLanguage);

    routes.get("/health", ops::health);
    routes.get("/healthz", ops::healthz);
    routes.get("/readyz", ops::readyz);
    routes.get("/info", ops::info);
    routes.get("/version", ops::version);
    routes.get("/metrics", ops::metrics);

    routes.get("/admin", admin::dashboard);
    routes.post("/admin/login", admin::login);
    routes.post("/admin/logout", admin::logout);
    routes.get("/admin/status", admin::status);
    routes.get("/admin/sbom", admin::sbom);
    routes.post("/rotate_token", adminActions::rotateToken);
    routes.post("/admin/tokens/breakglass", adminActions::createBreakglass);
    routes.post("/admin/tokens/{id}/disable", ctx -> adminActions.setTokenEnabled(ctx, false));
    routes.post("/admin/tokens/{id}/enable", ctx -> adminActions.setTokenEnabled(ctx, true));
    routes.post("/admin/users/{id}/disable", ctx -> adminActions.setUserEnabled(ctx, false));
    routes.post("/admin/users/{id}/enable", ctx -> adminActions.setUserEnabled(ctx, true));
    config.exception(AdminUnauthorizedException.class, (e, ctx) -> unauthorizedAdmin(ctx));

    routes.get("/register", registration::form);
    routes.post("/register", registration::register);

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
    routes.post("/vault/token/file", registration::tokenFile);
    routes.post("/vault/shares", shares::create);
    routes.post("/vault/shares/{id}/revoke", shares::revoke);
    routes.get("/vault/share/{id}", shares::view);
    routes.get("/vault/share/{id}/files/{doc}", shares::download);
    routes.get("/vault/share/{id}/files/{doc}/certificate", shares::certificate);

    routes.get("/resources", resources::hub);
    routes.get("/resources/download/{name}", resources::download);
    routes.get("/know-your-rights", resources::knowYourRights);
    for (TenantForm form : documents.forms()) {
      String path = "/resources/" + form.name();
      routes.get(path, ctx -> documents.form(ctx, form));
      routes.post(path + "_preview", ctx -> documents.preview(ctx, form));
      routes.post(path + "_save", ctx -> documents.save(ctx, form));
    }
    records.register(routes);
    config.exception(UserUnauthorizedException.class, (e, ctx) -> unauthorizedUser(ctx));
    config.exception(ShareUnavailableException.class, (e, ctx) -> deadShareLink(ctx));
    config.exception(VaultSwitchRequested.class, (e, ctx) -> confirmVaultSwitch(ctx));
    config.exception(
        TokenLeavesAddressBar.class,
        (e, ctx) -> ctx.redirect(e.location(), io.javalin.http.HttpStatus.SEE_OTHER));
  }

  private void guard(Context ctx) {
    String route = RouteTemplate.of(ctx);
    if (isAdminRoute(route)) {
      adminRateLimit.check(ctx, route);
    }
    if (CsrfFilter.isStateChanging(ctx.method())
        && CsrfFilter.isMultipart(ctx)
        && !CsrfFilter.streamsBody(ctx)) {
      // A form route: its multipart body is parsed here, once, so that a malformed body is the
      // client's 400 before any handler runs, never a server error inside one.
      CsrfFilter.multipartField(ctx, CsrfFilter.FIELD);
    }
    if (!documents.isAnonymousSave(ctx)) {
      csrf.check(ctx);
    }
  }

  /** The neutral page a quick exit lands on: nothing about it suggests housing or legal help. */
  static final String NEUTRAL_SITE = "https://www.google.com/search?q=weather";

  /** {@code GET /exit}: ends every session of this browser and leaves for a neutral site. */
  private void quickExit(Context ctx) {
    sessions.endAll(ctx);
    ctx.header("Clear-Site-Data", "\"cookies\", \"storage\"");
    ctx.redirect(NEUTRAL_SITE, io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /**
   * {@code GET /language?lang=es&next=/vault}: remembers the choice for a year and goes back to the
   * page (only a local path: never an open redirect).
   */
  private void chooseLanguage(Context ctx) {
    Language language = Language.ofCode(ctx.queryParam("lang"));
    if (language == null) {
      throw new io.javalin.http.BadRequestResponse("lang must be one of: en, es");
    }
    String next = LocalPath.orRoot(ctx.queryParam("next"));
    ctx.res()
        .addHeader(
            "Set-Cookie",
            Language.COOKIE
                + "="
                + language.code()
                + "; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly"
                + (RequestAttributes.https(ctx) ? "; Secure" : ""));
    ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
  }

  static boolean isAdminRoute(String route) {
    return route.equals("/admin") || route.startsWith("/admin/") || route.equals("/rotate_token");
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
   * "Open a different vault?": the link's token goes into a same-origin form (never into a new
   * URL); only a click, with its CSRF token, opens that vault.
   */
  private void confirmVaultSwitch(Context ctx) {
    String token = ctx.queryParam("user_token");
    if (ResponseFormat.wantsHtml(ctx) && token != null) {
      ctx.status(200);
      pages.render(
          ctx,
          "vault_switch.jte",
          Map.of("token", token.strip(), "vaultOpen", sessions.user(ctx).isPresent()));
    } else {
      errors.respond(
          ctx,
          409,
          "a token in a link does not replace the open vault; confirm in a browser or send the"
              + " X-User-Token header");
    }
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

  private void unauthorizedAdmin(Context ctx) {
    if (ResponseFormat.wantsHtml(ctx)) {
      admin.loginForm(ctx);
    } else {
      errors.respond(ctx, 401, UNAUTHORIZED);
    }
  }
}

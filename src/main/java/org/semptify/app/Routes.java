package org.semptify.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.semptify.admin.web.AdminRoutes;
import org.semptify.documents.web.DocumentRoutes;
import org.semptify.i18n.Language;
import org.semptify.records.web.RecordRoutes;
import org.semptify.security.web.AdminRateLimitFilter;
import org.semptify.security.web.CsrfFilter;
import org.semptify.security.web.Sessions;
import org.semptify.users.web.UserRoutes;
import org.semptify.vault.web.VaultRoutes;
import org.semptify.web.LocalPath;
import org.semptify.web.Pages;
import org.semptify.web.RequestAttributes;
import org.semptify.web.RouteTable;

/**
 * The route table: the filters that guard every route, the few routes that belong to no feature,
 * and each feature's own routes (registered by its {@code web} package), in this order.
 */
final class Routes {
  private final Pages pages;
  private final OpsHandlers ops;
  private final AdminRateLimitFilter adminRateLimit;
  private final CsrfFilter csrf;
  private final Sessions sessions;
  private final AdminRoutes admin;
  private final UserRoutes users;
  private final VaultRoutes vault;
  private final DocumentRoutes documents;
  private final RecordRoutes records;
  private final InstallableApp installable;

  Routes(
      Pages pages,
      OpsHandlers ops,
      AdminRateLimitFilter adminRateLimit,
      CsrfFilter csrf,
      Sessions sessions,
      AdminRoutes admin,
      UserRoutes users,
      VaultRoutes vault,
      DocumentRoutes documents,
      RecordRoutes records,
      InstallableApp installable) {
    this.pages = pages;
    this.ops = ops;
    this.adminRateLimit = adminRateLimit;
    this.csrf = csrf;
    this.sessions = sessions;
    this.admin = admin;
    this.users = users;
    this.vault = vault;
    this.documents = documents;
    this.records = records;
    this.installable = installable;
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
    routes.get("/manifest.webmanifest", installable::manifest);
    routes.get("/sw.js", installable::serviceWorker);

    routes.get("/health", ops::health);
    routes.get("/healthz", ops::healthz);
    routes.get("/readyz", ops::readyz);
    routes.get("/info", ops::info);
    routes.get("/version", ops::version);
    routes.get("/metrics", ops::metrics);

    admin.register(routes);
    users.register(routes);
    vault.register(routes);
    documents.register(routes);
    records.register(routes);
  }

  private void guard(Context ctx) {
    String route = RouteTemplate.of(ctx);
    if (AdminRoutes.isAdminRoute(route)) {
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
    // "storage" also removes the installed app's service worker and its caches.
    ctx.header("Clear-Site-Data", "\"cache\", \"cookies\", \"storage\"");
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
}

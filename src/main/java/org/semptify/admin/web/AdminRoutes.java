package org.semptify.admin.web;

import io.javalin.http.Context;
import org.semptify.admin.AdminUnauthorizedException;
import org.semptify.i18n.Message;
import org.semptify.web.ErrorResponder;
import org.semptify.web.ResponseFormat;
import org.semptify.web.RouteTable;

/** The admin plane's routes (rate limited by app's guard: see {@link #isAdminRoute}). */
public final class AdminRoutes {
  private static final Message UNAUTHORIZED = Message.of("error.unauthorized");

  private final AdminPages admin;
  private final AdminActions adminActions;
  private final ErrorResponder errors;

  public AdminRoutes(AdminPages admin, AdminActions adminActions, ErrorResponder errors) {
    this.admin = admin;
    this.adminActions = adminActions;
    this.errors = errors;
  }

  public void register(RouteTable routes) {
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
    routes.config().exception(AdminUnauthorizedException.class, (e, ctx) -> unauthorizedAdmin(ctx));
  }

  /** The routes the admin rate limit counts (unauthenticated attempts included). */
  public static boolean isAdminRoute(String route) {
    return route.equals("/admin") || route.startsWith("/admin/") || route.equals("/rotate_token");
  }

  private void unauthorizedAdmin(Context ctx) {
    if (ResponseFormat.wantsHtml(ctx)) {
      admin.loginForm(ctx);
    } else {
      errors.respond(ctx, 401, UNAUTHORIZED);
    }
  }
}

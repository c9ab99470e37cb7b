package org.semptify.admin.web;

import static org.semptify.admin.AdminAction.ADD_INCIDENT_NOTE;
import static org.semptify.admin.AdminAction.CREATE_BREAKGLASS;
import static org.semptify.admin.AdminAction.MANAGE_TOKENS;
import static org.semptify.admin.AdminAction.MANAGE_USERS;
import static org.semptify.admin.AdminAction.ROTATE_OWN_TOKEN;
import static org.semptify.admin.AdminAction.VIEW_DASHBOARD;
import static org.semptify.admin.AdminAction.VIEW_EVENTS;
import static org.semptify.admin.AdminAction.VIEW_SBOM;
import static org.semptify.admin.AdminAction.VIEW_STATUS;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.semptify.admin.AdminAction;
import org.semptify.admin.AdminForbiddenException;
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
  private final AdminAccess access;
  private final ErrorResponder errors;

  public AdminRoutes(
      AdminPages admin, AdminActions adminActions, AdminAccess access, ErrorResponder errors) {
    this.admin = admin;
    this.adminActions = adminActions;
    this.access = access;
    this.errors = errors;
  }

  /**
   * Every admin route with the action it is (the lowest role allowed is {@link AdminAction}'s
   * table); only logout needs no token. Actions on a token also check the token's role ({@link
   * AdminAccess#checkTarget}).
   */
  public void register(RouteTable routes) {
    routes.get("/admin", guard(VIEW_DASHBOARD, admin::dashboard));
    routes.post("/admin/login", guard(VIEW_DASHBOARD, admin::login));
    routes.post("/admin/logout", admin::logout);
    routes.get("/admin/status", guard(VIEW_STATUS, admin::status));
    routes.get("/admin/sbom", guard(VIEW_SBOM, admin::sbom));
    routes.get("/admin/events", guard(VIEW_EVENTS, admin::events));
    routes.post("/admin/events/note", guard(ADD_INCIDENT_NOTE, adminActions::addIncidentNote));
    routes.post("/rotate_token", guard(ROTATE_OWN_TOKEN, adminActions::rotateToken));
    routes.post(
        "/admin/tokens/breakglass", guard(CREATE_BREAKGLASS, adminActions::createBreakglass));
    routes.post(
        "/admin/tokens/{id}/disable",
        guard(MANAGE_TOKENS, (ctx, p) -> adminActions.setTokenEnabled(ctx, p, false)));
    routes.post(
        "/admin/tokens/{id}/enable",
        guard(MANAGE_TOKENS, (ctx, p) -> adminActions.setTokenEnabled(ctx, p, true)));
    routes.post(
        "/admin/users/{id}/disable",
        guard(MANAGE_USERS, (ctx, p) -> adminActions.setUserEnabled(ctx, p, false)));
    routes.post(
        "/admin/users/{id}/enable",
        guard(MANAGE_USERS, (ctx, p) -> adminActions.setUserEnabled(ctx, p, true)));
    routes.config().exception(AdminUnauthorizedException.class, (e, ctx) -> unauthorizedAdmin(ctx));
    routes.config().exception(AdminForbiddenException.class, this::forbiddenAdmin);
  }

  private Handler guard(AdminAction action, AdminAccess.AdminHandler handler) {
    return access.guard(action, handler);
  }

  /** 403: {@code {"error":"forbidden"}}, or a page naming the role needed. */
  private void forbiddenAdmin(AdminForbiddenException e, Context ctx) {
    if (ResponseFormat.wantsHtml(ctx)) {
      admin.forbidden(ctx, e);
    } else {
      errors.respond(ctx, 403, "forbidden");
    }
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

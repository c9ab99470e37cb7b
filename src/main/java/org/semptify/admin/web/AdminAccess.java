package org.semptify.admin.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.Endpoint;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.semptify.admin.AdminAction;
import org.semptify.admin.AdminForbiddenException;
import org.semptify.admin.AdminPrincipal;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Metrics;
import org.semptify.ops.Payload;
import org.semptify.store.AdminRole;
import org.semptify.web.RequestAttributes;

/**
 * The one place where the admin plane's roles are checked, against {@link AdminAction}'s table:
 * every admin route is registered through {@link #guard}, and an action whose permission depends on
 * its target (rotating one's own token or another's, acting on a token of some role) asks {@link
 * #check} and {@link #checkTarget}. A refusal is 403 ({@link AdminForbiddenException}) and an
 * {@code admin_forbidden} event; the request has already counted toward the admin rate limit, as
 * every admin request does, like a failed attempt.
 */
public final class AdminAccess {
  /** A handler of an admin route, given the principal the guard authenticated and allowed. */
  @FunctionalInterface
  public interface AdminHandler {
    void handle(Context ctx, AdminPrincipal principal) throws java.io.IOException;
  }

  private final AdminAuthenticator auth;
  private final EventLog events;
  private final Metrics metrics;
  private final Clock clock;
  private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();

  public AdminAccess(AdminAuthenticator auth, EventLog events, Metrics metrics, Clock clock) {
    this.auth = auth;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The route handler: authenticates, checks {@code action}'s role, then runs {@code handler}. */
  public Handler guard(AdminAction action, AdminHandler handler) {
    return ctx -> handler.handle(ctx, require(ctx, action));
  }

  /** Authenticates this request and checks that its role allows {@code action}. */
  AdminPrincipal require(Context ctx, AdminAction action) {
    AdminPrincipal principal = auth.require(ctx);
    lastUsed.put(principal.tokenId(), clock.millis() / 1000);
    check(ctx, principal, action);
    return principal;
  }

  /**
   * Throws {@link AdminForbiddenException} unless {@code principal}'s role allows {@code action}.
   */
  void check(Context ctx, AdminPrincipal principal, AdminAction action) {
    if (!principal.may(action)) {
      throw forbidden(ctx, principal, action, action.minimumRole());
    }
  }

  /**
   * Throws {@link AdminForbiddenException} unless {@code principal} may do {@code action} to a
   * token of role {@code target} (never to a token of a higher role than its own).
   */
  void checkTarget(Context ctx, AdminPrincipal principal, AdminAction action, AdminRole target) {
    check(ctx, principal, action);
    if (!AdminAction.mayActOn(principal.role(), target)) {
      throw forbidden(ctx, principal, action, target);
    }
  }

  /** When token {@code id} last opened an admin request in this process, if it did. */
  Long lastUsed(String id) {
    return lastUsed.get(id);
  }

  private AdminForbiddenException forbidden(
      Context ctx, AdminPrincipal principal, AdminAction action, AdminRole required) {
    metrics.errors.inc();
    events.record(
        EventType.ADMIN_FORBIDDEN,
        RequestAttributes.requestId(ctx),
        Payload.of(EventField.TOKEN_ID, principal.tokenId())
            .with(EventField.ROUTE, route(ctx))
            .with(EventField.ACTION, action.name().toLowerCase(Locale.ROOT))
            .with(EventField.IP, RequestAttributes.clientIp(ctx)));
    return new AdminForbiddenException(principal.tokenId(), principal.role(), required);
  }

  private static String route(Context ctx) {
    try {
      Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
      return endpoint == null ? ctx.path() : endpoint.path;
    } catch (RuntimeException e) {
      return ctx.path();
    }
  }
}

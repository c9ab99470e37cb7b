package org.semptify.admin.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.Optional;
import org.semptify.admin.AdminPrincipal;
import org.semptify.admin.AdminTokenStore;
import org.semptify.admin.AdminUnauthorizedException;
import org.semptify.config.Secret;
import org.semptify.config.SecurityMode;
import org.semptify.crypto.Tokens;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventLogUnavailableException;
import org.semptify.ops.EventType;
import org.semptify.ops.Metrics;
import org.semptify.ops.Payload;
import org.semptify.security.web.PresentedToken;
import org.semptify.security.web.Sessions;
import org.semptify.store.AdminRole;
import org.semptify.store.AdminToken;
import org.semptify.web.RequestAttributes;

/**
 * Decides whether a request may use the admin plane. A token is taken from the {@code
 * X-Admin-Token} header, else the {@code token} query parameter, else the {@code token} form field;
 * without one, the admin session cookie. A token is checked against admin_tokens.json first, then
 * against the legacy {@code ADMIN_TOKEN} variable if (and only if) it is set. Breakglass tokens are
 * consumed on disk before the request proceeds. In open mode nothing is checked, but every access
 * is logged.
 */
public final class AdminAuthenticator {
  private final SecurityMode mode;
  private final AdminTokenStore store;
  private final Optional<String> legacyTokenHash;
  private final Sessions sessions;
  private final EventLog events;
  private final Metrics metrics;
  private final Clock clock;

  public AdminAuthenticator(
      SecurityMode mode,
      AdminTokenStore store,
      Optional<Secret> legacyToken,
      Sessions sessions,
      EventLog events,
      Metrics metrics,
      Clock clock) {
    this.mode = mode;
    this.store = store;
    this.legacyTokenHash =
        legacyToken.map(
            secret ->
                Tokens.hash(new String(secret.bytes(), java.nio.charset.StandardCharsets.UTF_8)));
    this.sessions = sessions;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The principal of this request, or {@link AdminUnauthorizedException}. */
  public AdminPrincipal require(Context ctx) {
    if (mode == SecurityMode.OPEN) {
      record(
          ctx,
          EventType.OPEN_MODE_ACCESS,
          Payload.of(EventField.IP, ip(ctx)).with(EventField.PATH, ctx.path()));
      metrics.adminRequests.inc();
      return new AdminPrincipal(AdminPrincipal.OPEN_MODE_ID, "open", AdminRole.OWNER);
    }
    PresentedToken presented = PresentedToken.find(ctx, "X-Admin-Token", "token");
    if (presented != null) {
      return authenticate(ctx, presented);
    }
    Optional<Sessions.AdminSession> session = sessions.admin(ctx);
    if (session.isPresent() && stillValid(session.get())) {
      sessions.touchAdmin(ctx, session.get());
      metrics.adminRequests.inc();
      return new AdminPrincipal(
          session.get().tokenId(), "session", roleOf(session.get().tokenId()));
    }
    if (session.isPresent()) {
      sessions.endAdmin(ctx);
    }
    throw fail(ctx, session.isPresent() ? "session_ended" : "missing");
  }

  /** Replaces a token that came in a URL or form with a session cookie. */
  public void startSession(Context ctx, AdminPrincipal principal) {
    if (principal.tokenId().equals(AdminPrincipal.LEGACY_ENV_ID)) {
      sessions.startAdmin(
          ctx, principal.tokenId(), Tokens.fingerprint(legacyTokenHash.orElseThrow()), false);
      return;
    }
    store
        .findById(principal.tokenId())
        .ifPresent(
            token ->
                sessions.startAdmin(
                    ctx, token.id(), Tokens.fingerprint(token.hash()), token.usedTs() != null));
  }

  private AdminPrincipal authenticate(Context ctx, PresentedToken presented) {
    long now = clock.millis() / 1000;
    Optional<AdminToken> entry = store.findByToken(presented.value());
    if (entry.isPresent()) {
      AdminToken token = entry.get();
      if (!token.usable(now)) {
        throw fail(ctx, "disabled_or_expired");
      }
      if (token.breakglass()) {
        consumeBreakglass(ctx, token);
      }
      return succeed(ctx, token.id(), presented.method(), token.role());
    }
    if (legacyTokenHash.isPresent()
        && Tokens.constantTimeEquals(legacyTokenHash.get(), Tokens.hash(presented.value()))) {
      return succeed(ctx, AdminPrincipal.LEGACY_ENV_ID, presented.method(), AdminRole.OWNER);
    }
    throw fail(ctx, "invalid");
  }

  private void consumeBreakglass(Context ctx, AdminToken token) {
    if (!events.writable()) {
      throw new EventLogUnavailableException(null); // its use must be audited, or it is not used
    }
    boolean consumed;
    try {
      consumed = store.consumeBreakglass(token.id());
    } catch (RuntimeException e) {
      consumed = false; // could not be persisted: deny
    }
    if (!consumed) {
      throw fail(ctx, "breakglass_already_used");
    }
    metrics.breakglassUsed.inc();
    events.record(
        EventType.BREAKGLASS_USED,
        RequestAttributes.requestId(ctx),
        Payload.of(EventField.IP, ip(ctx)).with(EventField.TOKEN_ID, token.id()));
  }

  /**
   * The role token {@code tokenId} has now (a change by {@code admin-token set-role} applies to its
   * open sessions at their next request); {@code ADMIN_TOKEN} is an owner.
   */
  private AdminRole roleOf(String tokenId) {
    if (tokenId.equals(AdminPrincipal.LEGACY_ENV_ID)) {
      return AdminRole.OWNER;
    }
    // Gone since stillValid: the lowest role, so that nothing is allowed by mistake.
    return store.findById(tokenId).map(AdminToken::role).orElse(AdminRole.AUDITOR);
  }

  private AdminPrincipal succeed(Context ctx, String tokenId, String method, AdminRole role) {
    metrics.adminRequests.inc();
    record(
        ctx,
        EventType.ADMIN_AUTH,
        Payload.of(EventField.TOKEN_ID, tokenId)
            .with(EventField.METHOD, method)
            .with(EventField.IP, ip(ctx)));
    return new AdminPrincipal(tokenId, method, role);
  }

  private boolean stillValid(Sessions.AdminSession session) {
    if (session.tokenId().equals(AdminPrincipal.LEGACY_ENV_ID)) {
      return legacyTokenHash.isPresent()
          && Tokens.constantTimeEquals(
              Tokens.fingerprint(legacyTokenHash.get()), session.fingerprint());
    }
    long now = clock.millis() / 1000;
    Optional<AdminToken> token = store.findById(session.tokenId());
    if (token.isEmpty()
        || token.get().expired(now)
        || token.get().sessionEnded(session.issuedAt())
        || !Tokens.constantTimeEquals(
            Tokens.fingerprint(token.get().hash()), session.fingerprint())) {
      // removed, expired, rotated, or disabled since (even if enabled again): its sessions are over
      return false;
    }
    // A consumed breakglass token is disabled by design; the session its single use opened lives
    // on until the token is disabled again, rotated or revoked, which all change its hash.
    return token.get().enabled() || (session.breakglass() && token.get().usedTs() != null);
  }

  private AdminUnauthorizedException fail(Context ctx, String reason) {
    metrics.errors.inc();
    record(
        ctx,
        EventType.ADMIN_AUTH_FAILED,
        Payload.of(EventField.IP, ip(ctx))
            .with(EventField.PATH, ctx.path())
            .with(EventField.REASON, reason));
    return new AdminUnauthorizedException();
  }

  private void record(Context ctx, EventType type, Payload payload) {
    events.record(type, RequestAttributes.requestId(ctx), payload);
  }

  private static String ip(Context ctx) {
    return RequestAttributes.clientIp(ctx);
  }
}

package org.semptify.users.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Optional;
import org.semptify.crypto.Tokens;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Payload;
import org.semptify.security.RateLimitedException;
import org.semptify.security.web.Navigation;
import org.semptify.security.web.PresentedToken;
import org.semptify.security.web.Sessions;
import org.semptify.store.InvalidStateFileException;
import org.semptify.store.RateLimitStore;
import org.semptify.store.UserAccount;
import org.semptify.users.UserStore;
import org.semptify.users.VaultAccess;
import org.semptify.web.LocalPath;
import org.semptify.web.RequestAttributes;

/**
 * Opens a vault for a request (seed §4): the token comes from the {@code X-User-Token} header, the
 * {@code user_token} query parameter or the {@code user_token} form field; after a browser visit a
 * sealed session cookie carries the vault key, so links inside the app never contain the token.
 * Disabled, expired or rotated accounts lose their sessions at once. Failed attempts are limited
 * per client address. A token in the query of a link from another site, or while another vault is
 * open, first asks the browser to confirm ({@link VaultSwitchRequested}).
 */
public final class UserAuthenticator {
  private final UserStore users;
  private final Sessions sessions;
  private final RateLimitStore failures;
  private final int retryAfterSeconds;
  private final EventLog events;
  private final Clock clock;

  public UserAuthenticator(
      UserStore users,
      Sessions sessions,
      RateLimitStore failures,
      int retryAfterSeconds,
      EventLog events,
      Clock clock) {
    this.users = users;
    this.sessions = sessions;
    this.failures = failures;
    this.retryAfterSeconds = retryAfterSeconds;
    this.events = events;
    this.clock = clock;
  }

  public VaultAccess require(Context ctx) {
    String problem = users.problem();
    if (problem != null) {
      throw new InvalidStateFileException(problem); // 503: fail closed, never guess
    }
    String ip = RequestAttributes.clientIp(ctx);
    PresentedToken presented = PresentedToken.find(ctx, "X-User-Token", "user_token");
    String token = presented == null ? null : presented.value();
    if (presented != null && presented.method().equals("query")) {
      confirmSwitch(ctx, token);
    }
    if (token != null) {
      if (failures.exhausted(ip)) {
        throw new RateLimitedException(429, retryAfterSeconds);
      }
      return authenticate(ctx, token, ip);
    }
    Optional<Sessions.UserSession> session = sessions.user(ctx);
    if (session.isPresent()) {
      Optional<UserAccount> account = users.findById(session.get().userId());
      long now = clock.millis() / 1000;
      if (account.isPresent()
          && account.get().usable(now)
          && !account.get().sessionEnded(session.get().issuedAt())
          && Tokens.constantTimeEquals(
              Tokens.fingerprint(account.get().hash()), session.get().fingerprint())) {
        sessions.touchUser(ctx);
        return new VaultAccess(account.get().id(), session.get().dataKey());
      }
      sessions.endUser(ctx);
      throw fail(ctx, ip, "session_ended");
    }
    throw fail(ctx, ip, "missing");
  }

  /**
   * Whether the account {@code userId} may still be reached through a grant it issued (a share): it
   * exists, is enabled and has not expired. Fails closed (503) when {@code users.json} is unusable.
   */
  public boolean accountUsable(String userId) {
    String problem = users.problem();
    if (problem != null) {
      throw new InvalidStateFileException(problem);
    }
    return users.findById(userId).map(a -> a.usable(clock.millis() / 1000)).orElse(false);
  }

  /** True when the request carries a user token or a user session, valid or not. */
  public boolean presentsCredentials(Context ctx) {
    return presentedToken(ctx) != null || sessions.user(ctx).isPresent();
  }

  /**
   * The vault of a request that presents a token or a session, for pages anyone may see but that
   * offer more to the owner (a form listing their documents). A visitor with neither gets empty,
   * and no failure is logged for them.
   */
  public Optional<VaultAccess> current(Context ctx) {
    if (!presentsCredentials(ctx)) {
      return Optional.empty();
    }
    try {
      return Optional.of(require(ctx));
    } catch (UserUnauthorizedException e) {
      return Optional.empty();
    }
  }

  /**
   * A token in a link never silently replaces the browser's vault: when the link came from another
   * site, or another vault is open in this browser, the browser must confirm first. A direct visit
   * (typed or bookmarked) with no vault open, or a link to the vault already open, goes through.
   */
  private void confirmSwitch(Context ctx, String token) {
    Optional<Sessions.UserSession> open = sessions.user(ctx);
    if (open.isPresent()
        && users.findByToken(token).map(a -> a.id().equals(open.get().userId())).orElse(false)) {
      return;
    }
    if (open.isPresent() || Navigation.crossSite(ctx)) {
      throw new VaultSwitchRequested();
    }
  }

  /**
   * {@code POST /vault/open}: the form's token, or else the one a link left waiting for this
   * confirmation ({@link Sessions#holdPendingToken}); either way the pending one is dropped.
   */
  public VaultAccess open(Context ctx) {
    Optional<String> pending = sessions.pendingToken(ctx);
    sessions.dropPendingToken(ctx);
    if (pending.isEmpty() || PresentedToken.find(ctx, "X-User-Token", "user_token") != null) {
      return require(ctx);
    }
    String ip = RequestAttributes.clientIp(ctx);
    if (failures.exhausted(ip)) {
      throw new RateLimitedException(429, retryAfterSeconds);
    }
    return authenticate(ctx, pending.get(), ip);
  }

  private VaultAccess authenticate(Context ctx, String token, String ip) {
    Optional<UserAccount> account = users.findByToken(token);
    long now = clock.millis() / 1000;
    if (account.isEmpty() || !account.get().usable(now)) {
      throw fail(ctx, ip, account.isEmpty() ? "invalid" : "disabled_or_expired");
    }
    byte[] dataKey;
    try {
      dataKey = users.dataKey(account.get(), token);
    } catch (GeneralSecurityException e) {
      throw fail(ctx, ip, "key_unwrap_failed");
    }
    if (ctx.header("X-User-Token") == null) {
      // A browser: from now on the sealed session cookie opens the vault, not the token.
      sessions.startUser(
          ctx, account.get().id(), dataKey, Tokens.fingerprint(account.get().hash()));
      if (isPageVisitWithTokenInAddress(ctx)) {
        throw new TokenLeavesAddressBar(withoutToken(ctx));
      }
    }
    return new VaultAccess(account.get().id(), dataKey);
  }

  /** A page (not the JSON API) fetched with {@code ?user_token=}: the token must leave the URL. */
  private static boolean isPageVisitWithTokenInAddress(Context ctx) {
    return ctx.method() == io.javalin.http.HandlerType.GET
        && !ctx.path().startsWith("/api/")
        && ctx.queryParam("user_token") != null;
  }

  /** The request's own path and query, minus every {@code user_token} parameter. */
  static String withoutToken(Context ctx) {
    StringBuilder query = new StringBuilder();
    ctx.queryParamMap()
        .forEach(
            (name, values) -> {
              if (name.equals("user_token")) {
                return;
              }
              for (String value : values) {
                query
                    .append(query.length() == 0 ? '?' : '&')
                    .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
              }
            });
    return LocalPath.orRoot(ctx.path() + query);
  }

  private static String presentedToken(Context ctx) {
    PresentedToken presented = PresentedToken.find(ctx, "X-User-Token", "user_token");
    return presented == null ? null : presented.value();
  }

  private UserUnauthorizedException fail(Context ctx, String ip, String reason) {
    if (!reason.equals("missing")) {
      failures.tryAcquire(ip);
    }
    events.record(
        EventType.USER_AUTH_FAILED,
        RequestAttributes.requestId(ctx),
        Payload.of(EventField.IP, ip).with(EventField.REASON, reason));
    return new UserUnauthorizedException();
  }
}

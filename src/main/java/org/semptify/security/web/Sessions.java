package org.semptify.security.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.semptify.crypto.Tokens;
import org.semptify.security.SealedCookies;
import org.semptify.web.RequestAttributes;

/**
 * Browser sessions kept entirely in sealed cookies (see {@link SealedCookies}), so they survive a
 * restart and the server holds no session table. Two cookies: the browser session ({@code
 * SameSite=Lax}; a random id that CSRF tokens are bound to) and the admin session ({@code
 * SameSite=Strict}). Both are HttpOnly, {@code Secure} with the {@code __Host-} prefix over HTTPS,
 * and carry idle and absolute timeouts that the server checks.
 */
public final class Sessions {
  static final Duration ADMIN_IDLE = Duration.ofMinutes(30);
  static final Duration ADMIN_ABSOLUTE = Duration.ofHours(12);
  static final Duration BROWSER_IDLE = Duration.ofHours(2);
  static final Duration BROWSER_ABSOLUTE = Duration.ofHours(24);
  static final Duration FLASH_LIFETIME = Duration.ofMinutes(2);
  static final Duration USER_IDLE = Duration.ofMinutes(30);
  static final Duration USER_ABSOLUTE = Duration.ofHours(12);

  private static final String BROWSER = "semptify_session";
  private static final String ADMIN = "semptify_admin";
  private static final String FLASH = "semptify_flash";
  private static final String NOTICE = "semptify_notice";
  private static final String PENDING = "semptify_pending";
  private static final String GRANT_PREFIX = "semptify_grant_";
  static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);
  private static final String BROWSER_ID_ATTRIBUTE = "semptify.browser_session_id";
  private static final String BROWSER_COOKIE_ATTRIBUTE = "semptify.browser_cookie";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SealedCookies seal;
  private final ObjectMapper json;
  private final Clock clock;

  public Sessions(SealedCookies seal, ObjectMapper json, Clock clock) {
    this.seal = seal;
    this.json = json;
    this.clock = clock;
  }

  /**
   * An admin session: which token opened it, and a fingerprint of that token's hash at the time.
   */
  public record AdminSession(
      String tokenId, String fingerprint, boolean breakglass, long issuedAt, long lastSeen) {}

  /** The browser session id, creating (and setting) one when the request has none. */
  public String browserSessionId(Context ctx) {
    ObjectNode cookie = browserCookie(ctx);
    if (ctx.attribute(BROWSER_ID_ATTRIBUTE) == null) {
      saveBrowserCookie(ctx, cookie);
      ctx.attribute(BROWSER_ID_ATTRIBUTE, cookie.path("sid").asText());
    }
    return cookie.path("sid").asText();
  }

  /** The browser session id only if the request already carries a valid one (never creates one). */
  public Optional<String> existingBrowserSessionId(Context ctx) {
    String known = ctx.attribute(BROWSER_ID_ATTRIBUTE);
    if (known != null) {
      return Optional.of(known);
    }
    return validBrowserCookie(ctx).map(c -> c.path("sid").asText(null));
  }

  /**
   * A signed-in vault user: the account id, the vault's data key (unwrapped with the token at
   * sign-in, so the token itself is never kept), and a fingerprint of the token's hash.
   */
  public record UserSession(
      String userId, byte[] dataKey, String fingerprint, long issuedAt, long lastSeen) {}

  public Optional<UserSession> user(Context ctx) {
    long now = clock.millis();
    return validBrowserCookie(ctx)
        .filter(c -> c.hasNonNull("uid"))
        .map(
            c ->
                new UserSession(
                    c.path("uid").asText(),
                    Base64.getDecoder().decode(c.path("dk").asText("")),
                    c.path("ufp").asText(""),
                    c.path("uiat").asLong(),
                    c.path("ulast").asLong()))
        .filter(u -> fresh(now, u.issuedAt(), u.lastSeen(), USER_IDLE, USER_ABSOLUTE));
  }

  public void startUser(Context ctx, String userId, byte[] dataKey, String fingerprint) {
    ObjectNode cookie = browserCookie(ctx);
    renewBrowserSessionId(ctx, cookie);
    long now = clock.millis();
    cookie
        .put("uid", userId)
        .put("dk", Base64.getEncoder().encodeToString(dataKey))
        .put("ufp", fingerprint);
    cookie.put("uiat", now).put("ulast", now);
    saveBrowserCookie(ctx, cookie);
  }

  /** Slides the user session's idle timeout forward. */
  public void touchUser(Context ctx) {
    ObjectNode cookie = browserCookie(ctx);
    if (cookie.hasNonNull("uid")) {
      cookie.put("ulast", clock.millis());
      saveBrowserCookie(ctx, cookie);
    }
  }

  /** Signs the vault user out, keeping the anonymous browser session (and its CSRF binding). */
  public void endUser(Context ctx) {
    ObjectNode cookie = browserCookie(ctx);
    cookie.remove(java.util.List.of("uid", "dk", "ufp", "uiat", "ulast"));
    saveBrowserCookie(ctx, cookie);
  }

  private Optional<ObjectNode> validBrowserCookie(Context ctx) {
    ObjectNode cached = ctx.attribute(BROWSER_COOKIE_ATTRIBUTE);
    if (cached != null) {
      return Optional.of(cached);
    }
    long now = clock.millis();
    return open(ctx, BROWSER)
        .filter(c -> c.hasNonNull("sid"))
        .filter(
            c ->
                fresh(
                    now,
                    c.path("iat").asLong(),
                    c.path("last").asLong(),
                    BROWSER_IDLE,
                    BROWSER_ABSOLUTE));
  }

  /**
   * A sign-in gets a new browser session id, and with it new CSRF tokens: an id (and its tokens)
   * known before the sign-in, for example from a cookie planted in the browser, is worth nothing
   * after it.
   */
  private void renewBrowserSessionId(Context ctx, ObjectNode cookie) {
    cookie.put("sid", newSessionId());
    ctx.attribute(BROWSER_ID_ATTRIBUTE, cookie.path("sid").asText());
  }

  private static String newSessionId() {
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** This request's browser cookie (valid or new), read once and then kept for the request. */
  private ObjectNode browserCookie(Context ctx) {
    ObjectNode cookie = validBrowserCookie(ctx).orElse(null);
    if (cookie == null) {
      cookie = json.createObjectNode().put("sid", newSessionId()).put("iat", clock.millis());
    }
    ctx.attribute(BROWSER_COOKIE_ATTRIBUTE, cookie);
    return cookie;
  }

  private void saveBrowserCookie(Context ctx, ObjectNode cookie) {
    cookie.put("last", clock.millis());
    write(ctx, BROWSER, cookie, "Lax");
  }

  public Optional<AdminSession> admin(Context ctx) {
    long now = clock.millis();
    return open(ctx, ADMIN)
        .map(
            c ->
                new AdminSession(
                    c.path("tid").asText(""),
                    c.path("fp").asText(""),
                    c.path("bg").asBoolean(false),
                    c.path("iat").asLong(),
                    c.path("last").asLong()))
        .filter(
            s ->
                !s.tokenId().isEmpty()
                    && fresh(now, s.issuedAt(), s.lastSeen(), ADMIN_IDLE, ADMIN_ABSOLUTE));
  }

  public void startAdmin(Context ctx, String tokenId, String fingerprint, boolean breakglass) {
    ObjectNode browser = browserCookie(ctx);
    renewBrowserSessionId(ctx, browser);
    saveBrowserCookie(ctx, browser);
    long now = clock.millis();
    writeAdmin(ctx, new AdminSession(tokenId, fingerprint, breakglass, now, now));
  }

  /** Slides the idle timeout forward. */
  public void touchAdmin(Context ctx, AdminSession session) {
    writeAdmin(
        ctx,
        new AdminSession(
            session.tokenId(),
            session.fingerprint(),
            session.breakglass(),
            session.issuedAt(),
            clock.millis()));
  }

  public void endAdmin(Context ctx) {
    clear(ctx, ADMIN, "Strict");
  }

  /** Ends every Semptify session of this browser (quick exit, logout). */
  public void endAll(Context ctx) {
    clear(ctx, ADMIN, "Strict");
    clear(ctx, BROWSER, "Lax");
    clear(ctx, FLASH, "Strict");
    clear(ctx, NOTICE, "Lax");
    clear(ctx, PENDING, "Lax"); // a link's token waiting for confirmation goes too
  }

  /** Keeps a secret for one display after a redirect (e.g. a newly created token). */
  public void flash(Context ctx, String message) {
    ObjectNode payload = json.createObjectNode().put("msg", message).put("iat", clock.millis());
    write(ctx, FLASH, payload, "Strict");
  }

  /**
   * Holds a token that arrived in a link and must be confirmed before it opens a vault ("Open a
   * different vault?"), so that the confirmation page's address, and the history, never carry it.
   */
  public void holdPendingToken(Context ctx, String token) {
    ObjectNode payload = json.createObjectNode().put("t", token).put("iat", clock.millis());
    write(ctx, PENDING, payload, "Lax");
  }

  /** The token waiting for confirmation, if one arrived in the last {@link #PENDING_LIFETIME}. */
  public Optional<String> pendingToken(Context ctx) {
    return open(ctx, PENDING)
        .filter(this.youngerThan(PENDING_LIFETIME))
        .map(c -> c.path("t").asText(null));
  }

  public void dropPendingToken(Context ctx) {
    if (ctx.cookie(cookieName(ctx, PENDING)) != null) {
      clear(ctx, PENDING, "Lax");
    }
  }

  /**
   * Keeps a share link's grant in this browser (a sealed cookie of its own per share, gone when the
   * browser closes), so that the share's pages and downloads carry none in their addresses.
   */
  public void holdShareGrant(Context ctx, String shareId, String grant) {
    write(ctx, GRANT_PREFIX + shareId, json.createObjectNode().put("t", grant), "Lax");
  }

  /** The grant this browser holds for share {@code shareId}, if any. */
  public Optional<String> shareGrant(Context ctx, String shareId) {
    return open(ctx, GRANT_PREFIX + shareId).map(c -> c.path("t").asText(null));
  }

  /** The flashed secret, once: reading it clears the cookie. */
  public Optional<String> takeFlash(Context ctx) {
    return take(ctx, FLASH, "Strict").map(c -> c.path("msg").asText(null));
  }

  /**
   * Keeps what an action did (not a secret: a message key, its values and next-step links, as JSON)
   * for the next page this browser shows, at most {@link #FLASH_LIFETIME} later.
   */
  public void notice(Context ctx, ObjectNode notice) {
    // Bound to this browser session: a notice cookie carried into another session shows nothing.
    ObjectNode payload =
        json.createObjectNode().put("iat", clock.millis()).put("sid", browserSessionId(ctx));
    payload.set("n", notice);
    write(ctx, NOTICE, payload, "Lax");
  }

  /** The kept notice, once: reading it clears the cookie. */
  public Optional<JsonNode> takeNotice(Context ctx) {
    Optional<String> session = existingBrowserSessionId(ctx);
    return take(ctx, NOTICE, "Lax")
        .filter(
            c ->
                session.isPresent()
                    && Tokens.constantTimeEquals(session.get(), c.path("sid").asText("")))
        .map(c -> c.get("n"));
  }

  /**
   * A one-time cookie: read, cleared, and kept only if written in the last {@link #FLASH_LIFETIME}.
   */
  private Optional<ObjectNode> take(Context ctx, String baseName, String sameSite) {
    Optional<ObjectNode> cookie = open(ctx, baseName);
    if (cookie.isPresent()) {
      clear(ctx, baseName, sameSite);
    }
    return cookie.filter(youngerThan(FLASH_LIFETIME));
  }

  private java.util.function.Predicate<ObjectNode> youngerThan(Duration lifetime) {
    long now = clock.millis();
    return c -> now - c.path("iat").asLong() <= lifetime.toMillis();
  }

  private void writeAdmin(Context ctx, AdminSession session) {
    ObjectNode payload =
        json.createObjectNode()
            .put("tid", session.tokenId())
            .put("fp", session.fingerprint())
            .put("bg", session.breakglass())
            .put("iat", session.issuedAt())
            .put("last", session.lastSeen());
    write(ctx, ADMIN, payload, "Strict");
  }

  private static boolean fresh(
      long now, long issuedAt, long lastSeen, Duration idle, Duration absolute) {
    return issuedAt > 0
        && now - lastSeen <= idle.toMillis()
        && now - issuedAt <= absolute.toMillis()
        && lastSeen <= now + 60_000;
  }

  /**
   * A request that carries an API header ({@code X-Admin-Token}, {@code X-User-Token}) is
   * authenticated by that header alone, whatever its method: no session cookie opens or is set for
   * it, so a stray header can never carry a cookie session (past CSRF, or anywhere else).
   */
  private static boolean cookiesIgnored(Context ctx) {
    return ctx.header("X-Admin-Token") != null || ctx.header("X-User-Token") != null;
  }

  private Optional<ObjectNode> open(Context ctx, String baseName) {
    if (cookiesIgnored(ctx)) {
      return Optional.empty();
    }
    String name = cookieName(ctx, baseName);
    String value = ctx.cookie(name);
    return seal.open(name, value)
        .flatMap(
            bytes -> {
              try {
                JsonNode node = json.readTree(bytes);
                return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
              } catch (IOException e) {
                return Optional.empty();
              }
            });
  }

  private void write(Context ctx, String baseName, ObjectNode payload, String sameSite) {
    if (cookiesIgnored(ctx)) {
      return;
    }
    String name = cookieName(ctx, baseName);
    try {
      String value = seal.seal(name, json.writeValueAsBytes(payload));
      ctx.res().addHeader("Set-Cookie", attributes(ctx, name + "=" + value, sameSite));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void clear(Context ctx, String baseName, String sameSite) {
    if (cookiesIgnored(ctx)) {
      return;
    }
    String name = cookieName(ctx, baseName);
    ctx.res().addHeader("Set-Cookie", attributes(ctx, name + "=; Max-Age=0", sameSite));
  }

  private static String attributes(Context ctx, String nameValue, String sameSite) {
    boolean https = RequestAttributes.https(ctx);
    return nameValue + "; Path=/; HttpOnly; SameSite=" + sameSite + (https ? "; Secure" : "");
  }

  /** Over HTTPS the {@code __Host-} prefix pins the cookie to this host, path / and Secure. */
  private static String cookieName(Context ctx, String baseName) {
    return RequestAttributes.https(ctx) ? "__Host-" + baseName : baseName;
  }
}

package org.semptify.admin.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.semptify.admin.AdminPrincipal;
import org.semptify.admin.AdminTokenStore;
import org.semptify.admin.AdminViews;
import org.semptify.ops.EpochSeconds;
import org.semptify.ops.EventSource;
import org.semptify.ops.EventType;
import org.semptify.ops.Metrics;
import org.semptify.ops.Readiness;
import org.semptify.security.web.Sessions;
import org.semptify.store.AdminToken;
import org.semptify.store.InvalidStateFileException;
import org.semptify.store.UserAccount;
import org.semptify.users.StorageUsage;
import org.semptify.users.UserStore;
import org.semptify.web.Pages;

/** The admin dashboard, login and logout, and the JSON status API. */
public final class AdminPages {
  static final int USERS_PER_PAGE = 50;
  static final int EVENTS_SHOWN = 100;

  private final AdminAuthenticator auth;
  private final AdminTokenStore tokens;
  private final UserStore users;
  private final StorageUsage usage;
  private final Readiness readiness;
  private final Metrics metrics;
  private final EventSource eventReader;
  private final Sessions sessions;
  private final Pages pages;
  private final String securityMode;
  private final Clock clock;
  private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();

  public AdminPages(
      AdminAuthenticator auth,
      AdminTokenStore tokens,
      UserStore users,
      StorageUsage usage,
      Readiness readiness,
      Metrics metrics,
      EventSource eventReader,
      Sessions sessions,
      Pages pages,
      String securityMode,
      Clock clock) {
    this.auth = auth;
    this.tokens = tokens;
    this.users = users;
    this.usage = usage;
    this.readiness = readiness;
    this.metrics = metrics;
    this.eventReader = eventReader;
    this.sessions = sessions;
    this.pages = pages;
    this.securityMode = securityMode;
    this.clock = clock;
  }

  /** Authenticates, remembering when each token was last used (shown on the dashboard). */
  AdminPrincipal authenticate(Context ctx) {
    AdminPrincipal principal = auth.require(ctx);
    lastUsed.put(principal.tokenId(), clock.millis() / 1000);
    return principal;
  }

  /** {@code GET /admin}: a token in the URL becomes a session cookie and leaves the address bar. */
  public void dashboard(Context ctx) {
    AdminPrincipal principal = authenticate(ctx);
    if (principal.shouldStartSession()) {
      auth.startSession(ctx, principal);
      ctx.redirect("/admin", HttpStatus.SEE_OTHER);
      return;
    }
    pages.render(ctx, "admin.jte", Map.of("view", dashboardView(ctx, principal)));
  }

  /** {@code POST /admin/login}: the login form's {@code token} field. */
  public void login(Context ctx) {
    AdminPrincipal principal = authenticate(ctx);
    auth.startSession(ctx, principal);
    ctx.redirect("/admin", HttpStatus.SEE_OTHER);
  }

  /** {@code POST /admin/logout}. */
  public void logout(Context ctx) {
    sessions.endAdmin(ctx);
    ctx.redirect("/admin", HttpStatus.SEE_OTHER);
  }

  /** The 401 answer: a login form for browsers, {@code {"error":"unauthorized"}} for programs. */
  public void loginForm(Context ctx) {
    ctx.status(HttpStatus.UNAUTHORIZED);
    // A token was tried (the form's field, ?token= or the header): say it did not work.
    boolean triedToken =
        org.semptify.security.web.PresentedToken.find(ctx, "X-Admin-Token", "token") != null;
    pages.render(
        ctx,
        "admin_login.jte",
        triedToken ? Map.of("error", pages.translator(ctx).t("admin.wrongToken")) : Map.of());
  }

  /** {@code GET /admin/status}. */
  public void status(Context ctx) {
    authenticate(ctx);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("security_mode", securityMode);
    body.put("metrics", metrics.counterSnapshot());
    List<Map<String, Object>> tokenList = new ArrayList<>();
    for (AdminToken token : safeTokens()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", token.id());
      entry.put("breakglass", token.breakglass());
      entry.put("enabled", token.enabled());
      entry.put("created_ts", token.createdTs());
      tokenList.add(entry);
    }
    body.put("tokens", tokenList);
    body.put("readiness", readiness.evaluate().body());
    BigDecimal time = EpochSeconds.of(clock);
    body.put("time", time);
    ctx.json(body);
  }

  /** {@code GET /admin/sbom}: the CycloneDX SBOM of the running build (baked into the jar). */
  public void sbom(Context ctx) throws java.io.IOException {
    authenticate(ctx);
    try (java.io.InputStream sbom =
        AdminPages.class.getResourceAsStream("/META-INF/sbom/bom.json")) {
      if (sbom == null) {
        throw new io.javalin.http.NotFoundResponse(
            "this build carries no SBOM (build it with mvn package)");
      }
      ctx.contentType("application/vnd.cyclonedx+json").result(sbom.readAllBytes());
    }
  }

  private List<AdminToken> safeTokens() {
    try {
      return tokens.list();
    } catch (InvalidStateFileException e) {
      return List.of();
    }
  }

  private AdminViews.Dashboard dashboardView(Context ctx, AdminPrincipal principal) {
    Readiness.Report report = readiness.evaluate();
    long now = clock.millis() / 1000;

    String tokenProblem = tokens.problem();
    List<AdminViews.TokenRow> tokenRows = new ArrayList<>();
    for (AdminToken token : safeTokens()) {
      tokenRows.add(
          new AdminViews.TokenRow(
              token.id(),
              AdminViews.time(token.createdTs()),
              token.usable(now),
              token.breakglass(),
              AdminViews.time(token.expiresTs()),
              token.usedTs() != null
                  ? AdminViews.time(token.usedTs())
                  : AdminViews.time(lastUsed.get(token.id()))));
    }

    String userProblem = users.problem();
    List<UserAccount> allUsers = userProblem == null ? users.list() : List.of();
    int pageCount = Math.max(1, (allUsers.size() + USERS_PER_PAGE - 1) / USERS_PER_PAGE);
    int page = Math.min(pageCount, Math.max(1, parsePage(ctx.queryParam("page"))));
    List<AdminViews.UserRow> userRows = new ArrayList<>();
    for (UserAccount user :
        allUsers.subList(
            (page - 1) * USERS_PER_PAGE, Math.min(allUsers.size(), page * USERS_PER_PAGE))) {
      userRows.add(
          new AdminViews.UserRow(
              user.id(),
              AdminViews.time(user.createdTs()),
              user.usable(now),
              AdminViews.time(user.expiresTs()),
              usage.bytesOf(user.id())));
    }

    List<String> names =
        Arrays.stream(EventType.values()).map(EventType::wireName).sorted().toList();
    String filter = Optional.ofNullable(ctx.queryParam("event")).filter(names::contains).orElse("");
    List<AdminViews.EventRow> eventRows = new ArrayList<>();
    List<JsonNode> recent =
        eventReader.recent(
            EVENTS_SHOWN, node -> filter.isEmpty() || filter.equals(node.path("event").asText()));
    for (int i = recent.size() - 1; i >= 0; i--) { // newest first
      JsonNode node = recent.get(i);
      eventRows.add(
          new AdminViews.EventRow(
              Instant.ofEpochMilli((long) (node.path("ts").asDouble() * 1000)).toString(),
              node.path("event").asText(),
              node.path("request_id").asText(""),
              node.path("payload").toString()));
    }

    return new AdminViews.Dashboard(
        principal.tokenId(),
        report.status(),
        report.checks(),
        metrics.counterSnapshot(),
        tokenProblem,
        tokenRows,
        userProblem,
        userRows,
        page,
        pageCount,
        allUsers.size(),
        eventRows,
        filter,
        names,
        sessions.takeFlash(ctx).orElse(null));
  }

  private static int parsePage(String value) {
    try {
      return value == null ? 1 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}

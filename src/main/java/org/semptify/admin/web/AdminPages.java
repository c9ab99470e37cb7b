package org.semptify.admin.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.semptify.admin.AdminAction;
import org.semptify.admin.AdminForbiddenException;
import org.semptify.admin.AdminPrincipal;
import org.semptify.admin.AdminTokenStore;
import org.semptify.admin.AdminViews;
import org.semptify.ops.EpochSeconds;
import org.semptify.ops.EventFilter;
import org.semptify.ops.EventSource;
import org.semptify.ops.EventType;
import org.semptify.ops.EventWords;
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
  static final int EVENTS_PER_PAGE = 50;
  private static final List<String> EVENT_FILTERS =
      List.of("event", "since", "until", "token_id", "ip", "request_id");

  private final AdminAuthenticator auth;
  private final AdminAccess access;
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

  public AdminPages(
      AdminAuthenticator auth,
      AdminAccess access,
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
    this.access = access;
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

  /** {@code GET /admin}: a token in the URL becomes a session cookie and leaves the address bar. */
  public void dashboard(Context ctx, AdminPrincipal principal) {
    if (principal.shouldStartSession()) {
      auth.startSession(ctx, principal);
      ctx.redirect("/admin", HttpStatus.SEE_OTHER);
      return;
    }
    pages.render(ctx, "admin.jte", Map.of("view", dashboardView(ctx, principal)));
  }

  /** {@code POST /admin/login}: the login form's {@code token} field. */
  public void login(Context ctx, AdminPrincipal principal) {
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
  public void status(Context ctx, AdminPrincipal principal) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("security_mode", securityMode);
    body.put("metrics", metrics.counterSnapshot());
    List<Map<String, Object>> tokenList = new ArrayList<>();
    for (AdminToken token : safeTokens()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", token.id());
      entry.put("breakglass", token.breakglass());
      entry.put("role", token.role().wireName());
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
  public void sbom(Context ctx, AdminPrincipal principal) throws java.io.IOException {
    try (java.io.InputStream sbom =
        AdminPages.class.getResourceAsStream("/META-INF/sbom/bom.json")) {
      if (sbom == null) {
        throw new io.javalin.http.NotFoundResponse(
            "this build carries no SBOM (build it with mvn package)");
      }
      ctx.contentType("application/vnd.cyclonedx+json").result(sbom.readAllBytes());
    }
  }

  /**
   * {@code GET /admin/events}: the events log newest first, {@link #EVENTS_PER_PAGE} a page, with
   * the filters of {@code semptify events} ({@code event}, {@code since}, {@code until}, {@code
   * token_id}, {@code ip}, {@code request_id}), each event in words and only its allow-listed
   * fields.
   */
  public void events(Context ctx, AdminPrincipal principal) {
    List<String> names =
        Arrays.stream(EventType.values()).map(EventType::wireName).sorted().toList();
    Map<String, String> criteria = new LinkedHashMap<>();
    for (String name : EVENT_FILTERS) {
      String value = ctx.queryParam(name);
      if (value != null && !value.isBlank()) {
        criteria.put(name, value.strip());
      }
    }
    String error = null;
    EventFilter filter;
    try {
      filter =
          new EventFilter(
              criteria.get("event"),
              criteria.get("since"),
              criteria.get("until"),
              criteria.get("token_id"),
              criteria.get("ip"),
              criteria.get("request_id"));
    } catch (IllegalArgumentException e) {
      error = pages.translator(ctx).t("admin.eventsBadTime");
      criteria.remove("since");
      criteria.remove("until");
      filter =
          new EventFilter(
              criteria.get("event"),
              null,
              null,
              criteria.get("token_id"),
              criteria.get("ip"),
              criteria.get("request_id"));
    }
    int page = Math.max(1, Math.min(100_000, parsePage(ctx.queryParam("page"))));
    EventSource.Page found =
        eventReader.newestFirst((page - 1) * EVENTS_PER_PAGE, EVENTS_PER_PAGE, filter);
    List<AdminViews.EventInWords> rows = new ArrayList<>();
    for (JsonNode node : found.events()) {
      List<AdminViews.Detail> details = new ArrayList<>();
      EventWords.details(node).forEach((k, v) -> details.add(new AdminViews.Detail(k, v)));
      rows.add(
          new AdminViews.EventInWords(
              EventWords.time(node),
              EventWords.name(node),
              EventWords.meaning(node),
              EventWords.requestId(node),
              details));
    }
    String query = query(criteria);
    pages.render(
        ctx,
        "admin_events.jte",
        Map.of(
            "view",
            new AdminViews.EventsPage(
                principal.tokenId(),
                principal.role().wireName(),
                principal.may(AdminAction.ADD_INCIDENT_NOTE),
                criteria,
                names,
                rows,
                page,
                page > 1 ? "/admin/events?" + query + "page=" + (page - 1) : null,
                found.more() ? "/admin/events?" + query + "page=" + (page + 1) : null,
                error,
                sessions.takeFlash(ctx).orElse(null))));
  }

  /**
   * The 403 answer to a browser: which role the page or action needs, and the signed-in token's.
   */
  void forbidden(Context ctx, AdminForbiddenException e) {
    ctx.status(HttpStatus.FORBIDDEN);
    pages.render(
        ctx,
        "admin_forbidden.jte",
        Map.of(
            "tokenId", e.tokenId(),
            "role", e.role().wireName(),
            "required", e.required().wireName()));
  }

  private static String query(Map<String, String> criteria) {
    StringBuilder query = new StringBuilder();
    criteria.forEach(
        (name, value) ->
            query
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                .append('&'));
    return query.toString();
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
                  : AdminViews.time(access.lastUsed(token.id())),
              token.role().wireName()));
    }

    boolean showUsers = principal.may(AdminAction.VIEW_USERS);
    String userProblem = showUsers ? users.problem() : null;
    List<UserAccount> allUsers = showUsers && userProblem == null ? users.list() : List.of();
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

    Set<AdminAction> allowed = EnumSet.noneOf(AdminAction.class);
    for (AdminAction action : AdminAction.values()) {
      if (principal.may(action)) {
        allowed.add(action);
      }
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
        sessions.takeFlash(ctx).orElse(null),
        principal.role().wireName(),
        allowed);
  }

  private static int parsePage(String value) {
    try {
      return value == null ? 1 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}

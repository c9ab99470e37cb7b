package org.semptify.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semptify.admin.AdminTestSupport.getWithToken;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semptify.crypto.Tokens;
import org.semptify.testing.Browser;
import org.semptify.testing.Cli;
import org.semptify.testing.TestServer;

/**
 * Issue 19: each role against each admin route and action (the table below is the specification,
 * written independently of the code's table), escalation attempts, and legacy entries and {@code
 * ADMIN_TOKEN} acting as owner.
 */
class AdminRolesTest {
  @TempDir Path root;

  /** One admin request, and which roles it is allowed for. */
  record Row(
      String method, String path, String form, boolean owner, boolean operator, boolean auditor) {
    boolean allows(String role) {
      return switch (role) {
        case "owner" -> owner;
        case "operator" -> operator;
        default -> auditor;
      };
    }
  }

  /** SELF is replaced by the acting token's id; rotating one's own token comes last. */
  static final List<Row> TABLE =
      List.of(
          new Row("GET", "/admin", "", true, true, true),
          new Row("POST", "/admin/login", "", true, true, true),
          new Row("GET", "/admin/status", "", true, true, true),
          new Row("GET", "/admin/sbom", "", true, true, true),
          new Row("GET", "/admin/events", "", true, true, true),
          new Row("GET", "/admin/events?event=server_started&page=2", "", true, true, true),
          new Row(
              "POST",
              "/admin/events/note",
              "text=seen+a+scan&incident_id=INC-1",
              true,
              true,
              false),
          new Row("POST", "/admin/users/u-1/disable", "", true, true, false),
          new Row("POST", "/admin/users/u-1/enable", "", true, true, false),
          new Row("POST", "/admin/tokens/victim/disable", "", true, false, false),
          new Row("POST", "/admin/tokens/victim/enable", "", true, false, false),
          new Row("POST", "/admin/tokens/breakglass", "", true, false, false),
          new Row("POST", "/rotate_token", "target_id=victim", true, false, false),
          new Row("POST", "/rotate_token", "target_id=SELF", true, true, false));

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"owner", "operator", "auditor"})
  void eachRoleAgainstEachAdminRouteAndAction(String role) throws Exception {
    String actor = Cli.createAdminToken(root, "--id", "actor", "--role", role);
    Cli.createAdminToken(root, "--id", "victim", "--role", "auditor");
    writeUser();
    try (TestServer server = TestServer.start(root)) {
      SoftAssertions soft = new SoftAssertions();
      for (Row row : TABLE) {
        String before = Files.readString(root.resolve("security/admin_tokens.json"));
        String users = Files.readString(root.resolve("security/users.json"));
        int notesBefore = count(server.eventsLog(), "\"event\":\"incident_note\"");
        HttpResponse<String> response = send(server, row, actor);
        String what = role + " " + row.method() + " " + row.path() + " " + row.form();
        if (row.allows(role)) {
          soft.assertThat(response.statusCode()).as(what).isNotIn(401, 403).isLessThan(500);
        } else {
          soft.assertThat(response.statusCode()).as(what).isEqualTo(403);
          soft.assertThat(response.body()).as(what).startsWith("{\"error\":\"forbidden\"");
          soft.assertThat(Files.readString(root.resolve("security/admin_tokens.json")))
              .as(what + " changes no token")
              .isEqualTo(before);
          soft.assertThat(Files.readString(root.resolve("security/users.json")))
              .as(what + " changes no user")
              .isEqualTo(users);
          soft.assertThat(count(server.eventsLog(), "\"event\":\"incident_note\""))
              .as(what + " writes no note")
              .isEqualTo(notesBefore);
          String route = row.path().replace("u-1", "{id}").replace("victim", "{id}");
          soft.assertThat(server.eventsLog())
              .as(what + " is recorded")
              .containsPattern(forbidden("actor", route.replaceAll("\\?.*", "")));
        }
      }
      soft.assertAll();
    }
  }

  @Test
  void theDashboardShowsTheRoleAndHidesWhatItCannotDo() throws Exception {
    String owner = Cli.createAdminToken(root, "--id", "boss");
    String operator = Cli.createAdminToken(root, "--id", "oncall", "--role", "operator");
    String auditor = Cli.createAdminToken(root, "--id", "review", "--role", "auditor");
    writeUser();
    try (TestServer server = TestServer.start(root)) {
      String ownerPage = getWithToken(server, "/admin", owner).body();
      assertThat(ownerPage)
          .contains("<code>boss</code>, role <strong class=\"role-badge\">owner</strong>")
          .contains("action=\"/admin/tokens/breakglass\"")
          .contains("action=\"/admin/tokens/oncall/disable\"")
          .contains("<option value=\"review\">")
          .contains("action=\"/admin/users/u-1/disable\"")
          .contains("action=\"/admin/events/note\"");

      String operatorPage = getWithToken(server, "/admin", operator).body();
      assertThat(operatorPage)
          .contains("<code>oncall</code>, role <strong class=\"role-badge\">operator</strong>")
          .doesNotContain("action=\"/admin/tokens/breakglass\"")
          .doesNotContain("/disable\"\n")
          .doesNotContain("action=\"/admin/tokens/boss/disable\"")
          .contains("<option value=\"oncall\">")
          .doesNotContain("<option value=\"boss\">")
          .contains("action=\"/admin/users/u-1/disable\"")
          .contains("action=\"/admin/events/note\"");

      String auditorPage = getWithToken(server, "/admin", auditor).body();
      assertThat(auditorPage)
          .contains("<code>review</code>, role <strong class=\"role-badge\">auditor</strong>")
          .doesNotContain("action=\"/admin/tokens/")
          .doesNotContain("action=\"/rotate_token\"")
          .doesNotContain("action=\"/admin/users/")
          .doesNotContain("action=\"/admin/events/note\"")
          .contains("href=\"/admin/events\"");
    }
  }

  @Test
  void aForbiddenPageNamesTheRoleNeeded() {
    String auditor = Cli.createAdminToken(root, "--id", "review", "--role", "auditor");
    try (TestServer server = TestServer.start(root)) {
      Browser browser = server.browser();
      browser.get("/admin?token=" + auditor);
      HttpResponse<String> page =
          browser.submit("/admin", "/admin/tokens/breakglass", Map.of()); // no form shown: posted
      assertThat(page.statusCode()).isEqualTo(403);
      assertThat(page.body())
          .contains("This page or action needs the owner role.")
          .contains("<code>review</code>, role <strong class=\"role-badge\">auditor</strong>");
    }
  }

  @Test
  void anOperatorCannotCreateAnOwnerToken() throws Exception {
    String operator = Cli.createAdminToken(root, "--id", "oncall", "--role", "operator");
    try (TestServer server = TestServer.start(root)) {
      HttpResponse<String> response =
          json(server, "/admin/tokens/breakglass", operator, ""); // a breakglass token is an owner
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body()).contains("\"error\":\"forbidden\"").doesNotContain("smpa_");
      assertThat(Cli.run(root, "admin-token", "list").stdout().lines()).hasSize(2);
      assertThat(server.eventsLog())
          .containsPattern(
              forbidden("oncall", "/admin/tokens/breakglass")
                  + java.util.regex.Pattern.quote(",\"action\":\"create_breakglass\""))
          .doesNotContain("\"event\":\"token_created\",\"payload\":{\"token_id\":\"admin-");
    }
  }

  @Test
  void anAuditorCannotRotateAnyToken() throws Exception {
    String owner = Cli.createAdminToken(root, "--id", "boss");
    String auditor = Cli.createAdminToken(root, "--id", "review", "--role", "auditor");
    try (TestServer server = TestServer.start(root)) {
      assertThat(json(server, "/rotate_token", auditor, "target_id=boss").statusCode())
          .isEqualTo(403);
      assertThat(json(server, "/rotate_token", auditor, "target_id=review").statusCode())
          .isEqualTo(403);
      assertThat(getWithToken(server, "/admin/status", owner).statusCode()).isEqualTo(200);
      assertThat(getWithToken(server, "/admin/status", auditor).statusCode()).isEqualTo(200);
      assertThat(server.eventsLog()).doesNotContain("\"event\":\"token_rotation\"");
    }
  }

  @Test
  void anOperatorCannotDisableAnOwnerNorRotateIt() throws Exception {
    String owner = Cli.createAdminToken(root, "--id", "boss");
    String operator = Cli.createAdminToken(root, "--id", "oncall", "--role", "operator");
    try (TestServer server = TestServer.start(root)) {
      assertThat(json(server, "/admin/tokens/boss/disable", operator, "").statusCode())
          .isEqualTo(403);
      assertThat(json(server, "/rotate_token", operator, "target_id=boss").statusCode())
          .isEqualTo(403);
      assertThat(getWithToken(server, "/admin/status", owner).statusCode()).isEqualTo(200);
      // Its own token, though, it may rotate.
      HttpResponse<String> own = json(server, "/rotate_token", operator, "target_id=oncall");
      assertThat(own.statusCode()).isEqualTo(200);
      assertThat(getWithToken(server, "/admin/status", operator).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void aRoleChangeAppliesToAnOpenSessionAtItsNextRequest() {
    String token = Cli.createAdminToken(root, "--id", "ops");
    try (TestServer server = TestServer.start(root)) {
      Browser browser = server.browser();
      browser.get("/admin?token=" + token);
      assertThat(browser.get("/admin").body()).contains("action=\"/admin/tokens/breakglass\"");
      assertThat(Cli.run(root, "admin-token", "set-role", "ops", "auditor").exitCode()).isZero();
      assertThat(browser.get("/admin").body()).doesNotContain("action=\"/admin/tokens/");
      assertThat(browser.submit("/admin", "/admin/users/u-1/disable", Map.of()).statusCode())
          .isEqualTo(403);
    }
  }

  @Test
  void forbiddenAttemptsCountTowardTheAdminRateLimit() {
    String auditor = Cli.createAdminToken(root, "--id", "review", "--role", "auditor");
    try (TestServer server =
        TestServer.builder(root)
            .env("ADMIN_RATE_MAX", "3")
            .env("ADMIN_RATE_WINDOW", "60")
            .start()) {
      for (int i = 0; i < 3; i++) {
        assertThat(json(server, "/admin/tokens/breakglass", auditor, "").statusCode())
            .isEqualTo(403);
      }
      assertThat(json(server, "/admin/tokens/breakglass", auditor, "").statusCode()).isEqualTo(429);
      assertThat(count(server.eventsLog(), "\"event\":\"admin_forbidden\"")).isEqualTo(3);
    }
  }

  @Test
  void legacyEntriesWithoutARoleAndAdminTokenActAsOwner() throws Exception {
    Files.createDirectories(root.resolve("security"));
    // The original's plaintext form and a hashed entry written before roles existed.
    Files.writeString(
        root.resolve("security/admin_tokens.json"),
        "{\"old-plaintext-admin-token-value-0001\": {\"created_ts\": 1700000000},"
            + " \"legacy\": {\"id\": \"legacy\", \"hash\": \""
            + Tokens.hash("a-hashed-legacy-token-value-00000002")
            + "\", \"created_ts\": 1700000000, \"enabled\": true}}");
    String envToken = "an-admin-token-from-the-environment-0003";
    try (TestServer server = TestServer.builder(root).env("ADMIN_TOKEN", envToken).start()) {
      for (String token :
          List.of(
              "old-plaintext-admin-token-value-0001",
              "a-hashed-legacy-token-value-00000002",
              envToken)) {
        assertThat(getWithToken(server, "/admin", token).body())
            .as(token)
            .contains("role <strong class=\"role-badge\">owner</strong>");
        assertThat(json(server, "/admin/tokens/breakglass", token, "").statusCode())
            .as(token)
            .isEqualTo(200);
      }
      assertThat(Cli.run(root, "admin-token", "list").stdout())
          .containsPattern("legacy\\s.*\\sowner\\n");
    }
  }

  @Test
  void theCommandLineCreatesListsAndChangesRoles() throws Exception {
    Cli.createAdminToken(root, "--id", "oncall", "--role", "operator");
    assertThat(Cli.run(root, "admin-token", "create", "--role", "boss").exitCode()).isEqualTo(1);
    Cli.Result glass = Cli.run(root, "admin-token", "create", "--breakglass", "--role", "auditor");
    assertThat(glass.exitCode()).isEqualTo(1);
    assertThat(glass.stderr()).contains("a breakglass token is always owner");
    Cli.createAdminToken(root, "--id", "glass", "--breakglass");

    String list = Cli.run(root, "admin-token", "list").stdout();
    assertThat(list.lines().findFirst().orElseThrow()).endsWith("ROLE");
    assertThat(list)
        .containsPattern("oncall\\s.*\\soperator\\n")
        .containsPattern("glass\\s.*\\sowner\\n");
    assertThat(Files.readString(root.resolve("security/admin_tokens.json")))
        .containsPattern("\"id\" : \"oncall\"[^}]*\"role\" : \"operator\"");

    assertThat(Cli.run(root, "admin-token", "set-role", "oncall", "auditor").exitCode()).isZero();
    assertThat(Cli.run(root, "admin-token", "list").stdout())
        .containsPattern("oncall\\s.*\\sauditor\\n");
    assertThat(Cli.run(root, "admin-token", "set-role", "glass", "operator").exitCode())
        .isEqualTo(1);
    assertThat(Cli.run(root, "admin-token", "set-role", "nobody", "owner").exitCode()).isEqualTo(1);
    assertThat(Cli.run(root, "admin-token", "set-role", "oncall", "root").exitCode()).isEqualTo(1);
    assertThat(Files.readString(root.resolve("logs/events.log")))
        .contains(
            "\"event\":\"token_role_changed\",\"request_id\":null,\"payload\":{\"token_id\":\"oncall\",\"role\":\"auditor\",\"source\":\"cli\"}");

    // An unknown role in the file fails closed, like any invalid entry.
    Files.writeString(
        root.resolve("security/admin_tokens.json"),
        Files.readString(root.resolve("security/admin_tokens.json"))
            .replace("\"auditor\"", "\"superuser\""));
    assertThat(Cli.run(root, "admin-token", "list").exitCode()).isEqualTo(1);
  }

  private void writeUser() throws Exception {
    Files.createDirectories(root.resolve("security"));
    Files.writeString(
        root.resolve("security/users.json"),
        "[{\"id\": \"u-1\", \"hash\": \""
            + Tokens.hash("user-token")
            + "\", \"created_ts\": 1700000000, \"enabled\": true}]");
  }

  private static HttpResponse<String> send(TestServer server, Row row, String token) {
    String form = row.form().replace("SELF", "actor");
    if (row.method().equals("GET")) {
      return getWithToken(server, row.path(), token);
    }
    return json(server, row.path(), token, form);
  }

  private static HttpResponse<String> json(
      TestServer server, String path, String token, String form) {
    return server.send(
        server
            .request(path)
            .header("X-Admin-Token", token)
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  /** The stored admin_forbidden event of {@code tokenId} on {@code route} (a pattern). */
  private static String forbidden(String tokenId, String route) {
    return java.util.regex.Pattern.quote("\"event\":\"admin_forbidden\",\"request_id\":\"")
        + "[0-9a-f]+"
        + java.util.regex.Pattern.quote(
            "\",\"payload\":{\"token_id\":\"" + tokenId + "\",\"route\":\"" + route + "\"");
  }

  private static int count(String text, String needle) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      count++;
    }
    return count;
  }
}

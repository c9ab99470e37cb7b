package org.semptify.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semptify.admin.AdminTestSupport.getWithToken;
import static org.semptify.admin.AdminTestSupport.postWithToken;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.crypto.Tokens;
import org.semptify.testing.Browser;
import org.semptify.testing.Cli;
import org.semptify.testing.TestServer;

/** The dashboard's forms and /rotate_token. */
class AdminActionsTest {
  private static final Pattern SHOWN_TOKEN = Pattern.compile("(smpa_[0-9A-Za-z]{49})");
  @TempDir Path root;

  @Test
  void rotateGeneratesAValueShownOnceAndTheOldOneStopsAtOnce() {
    String actor = Cli.createAdminToken(root, "--id", "ops");
    String target = Cli.createAdminToken(root, "--id", "deploy");
    try (TestServer server = TestServer.start(root)) {
      Browser browser = server.browser();
      browser.get("/admin?token=" + actor);
      HttpResponse<String> rotated =
          browser.submit("/admin", "/rotate_token", Map.of("target_id", "deploy"));
      assertThat(rotated.statusCode()).isEqualTo(303);
      assertThat(rotated.headers().firstValue("Location")).hasValue("/admin");

      String page = browser.get("/admin").body();
      Matcher shown = SHOWN_TOKEN.matcher(page);
      assertThat(shown.find()).as("the new value is shown once").isTrue();
      String fresh = shown.group(1);
      assertThat(browser.get("/admin").body()).as("and only once").doesNotContain(fresh);

      assertThat(getWithToken(server, "/admin/status", target).statusCode()).isEqualTo(401);
      assertThat(getWithToken(server, "/admin/status", fresh).statusCode()).isEqualTo(200);
      assertThat(server.eventsLog())
          .contains("\"event\":\"token_rotation\"")
          .contains("\"token_id\":\"deploy\",\"actor_token_id\":\"ops\"");
      String metrics = server.get("/metrics").body();
      assertThat(metrics).contains("token_rotations_total 1.0").contains("admin_actions_total 1.0");
      assertThat(server.allLogs()).doesNotContain(fresh).doesNotContain(target);
    }
  }

  @Test
  void rotateWithAChosenValue() {
    String actor = Cli.createAdminToken(root, "--id", "ops");
    try (TestServer server = TestServer.start(root)) {
      String chosen = "an-operator-chosen-token-value-0001";
      HttpResponse<String> response =
          postWithToken(
              server,
              "/rotate_token",
              actor,
              Browser.form(Map.of("target_id", "ops", "new_value", chosen)));
      assertThat(response.statusCode()).isEqualTo(303);
      assertThat(getWithToken(server, "/admin/status", actor).statusCode()).isEqualTo(401);
      assertThat(getWithToken(server, "/admin/status", chosen).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void rotateOwnTokenKeepsTheBrowserSessionSignedIn() {
    String actor = Cli.createAdminToken(root, "--id", "ops");
    try (TestServer server = TestServer.start(root)) {
      Browser browser = server.browser();
      browser.get("/admin?token=" + actor);
      assertThat(browser.submit("/admin", "/rotate_token", Map.of("target_id", "ops")).statusCode())
          .isEqualTo(303);
      assertThat(browser.get("/admin").statusCode()).isEqualTo(200);
      assertThat(getWithToken(server, "/admin/status", actor).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void rotateErrors() {
    String actor = Cli.createAdminToken(root, "--id", "ops");
    try (TestServer server = TestServer.start(root)) {
      HttpResponse<String> missing = postWithToken(server, "/rotate_token", actor, "");
      assertThat(missing.statusCode()).isEqualTo(400);
      assertThat(missing.body()).contains("target_id is required");
      HttpResponse<String> unknown =
          postWithToken(server, "/rotate_token", actor, "target_id=nope");
      assertThat(unknown.statusCode()).isEqualTo(404);
      HttpResponse<String> weak =
          postWithToken(server, "/rotate_token", actor, "target_id=ops&new_value=short");
      assertThat(weak.statusCode()).isEqualTo(400);
      for (String chosen :
          new String[] {"a".repeat(32), "password1234567890123456", "12345678901234567890123456"}) {
        HttpResponse<String> guessable =
            postWithToken(server, "/rotate_token", actor, "target_id=ops&new_value=" + chosen);
        assertThat(guessable.statusCode()).as(chosen).isEqualTo(400);
        assertThat(guessable.body()).contains("new_value is too weak").doesNotContain(chosen);
      }
      assertThat(getWithToken(server, "/admin/status", actor).statusCode())
          .as("nothing changed")
          .isEqualTo(200);
    }
  }

  @Test
  void jsonClientsGetTheNewTokenInTheBody() {
    String actor = Cli.createAdminToken(root, "--id", "ops");
    try (TestServer server = TestServer.start(root)) {
      HttpResponse<String> response =
          server.send(
              server
                  .request("/admin/tokens/breakglass")
                  .header("X-Admin-Token", actor)
                  .header("Accept", "application/json")
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build());
      assertThat(response.statusCode()).isEqualTo(200);
      Matcher shown = SHOWN_TOKEN.matcher(response.body());
      assertThat(shown.find()).isTrue();
      assertThat(Tokens.isWellFormed(shown.group(1), org.semptify.crypto.TokenKind.ADMIN)).isTrue();
      assertThat(server.eventsLog())
          .contains("\"event\":\"token_created\"")
          .contains("\"breakglass\":true");
    }
  }

  @Test
  void disableAndEnableTokensAndUsers() throws Exception {
    String actor = Cli.createAdminToken(root, "--id", "ops");
    Cli.createAdminToken(root, "--id", "other");
    Files.writeString(
        root.resolve("security/users.json"),
        "[{\"id\": \"u-1\", \"hash\": \""
            + Tokens.hash("user-token")
            + "\", \"created_ts\": 1700000000, \"enabled\": true}]");
    try (TestServer server = TestServer.start(root)) {
      assertThat(postWithToken(server, "/admin/tokens/other/disable", actor, "").statusCode())
          .isEqualTo(303);
      assertThat(Files.readString(root.resolve("security/admin_tokens.json")))
          .containsPattern("\"other\",[^}]*\"enabled\" : false");
      assertThat(postWithToken(server, "/admin/tokens/other/enable", actor, "").statusCode())
          .isEqualTo(303);

      assertThat(postWithToken(server, "/admin/users/u-1/disable", actor, "").statusCode())
          .isEqualTo(303);
      assertThat(Files.readString(root.resolve("security/users.json")))
          .contains("\"enabled\":false");
      assertThat(postWithToken(server, "/admin/users/nope/disable", actor, "").statusCode())
          .isEqualTo(404);

      String page = getWithToken(server, "/admin", actor).body();
      assertThat(page).contains("u-1").contains("User accounts (1)");
      assertThat(server.eventsLog())
          .contains("\"event\":\"user_disabled\"")
          .contains("\"event\":\"token_disabled\"");
      assertThat(server.get("/metrics").body()).contains("admin_actions_total 3.0");
    }
  }

  @Test
  void unauthenticatedActionsChangeNothing() {
    Cli.createAdminToken(root, "--id", "ops");
    try (TestServer server = TestServer.start(root)) {
      assertThat(postWithToken(server, "/admin/tokens/ops/disable", "wrong", "").statusCode())
          .isEqualTo(401);
      assertThat(Cli.run(root, "admin-token", "list").stdout())
          .containsPattern("ops\\s+\\S+\\s+yes");
    }
  }

  @Test
  void dashboardShowsEventsFilteredByName() {
    String actor = Cli.createAdminToken(root, "--id", "ops");
    try (TestServer server = TestServer.start(root)) {
      getWithToken(server, "/admin/status", "wrong");
      String all = getWithToken(server, "/admin", actor).body();
      assertThat(all).contains("admin_auth_failed").contains("server_started");
      String filtered = getWithToken(server, "/admin?event=admin_auth_failed", actor).body();
      assertThat(filtered)
          .contains("<td>admin_auth_failed</td>")
          .doesNotContain("<td>server_started</td>");
    }
  }
}

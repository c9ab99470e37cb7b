package org.semptify.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.Cli;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** Seed §4 "Vault Access": token sources, sessions, and every way access ends. */
class VaultAccessTest {
  @TempDir Path root;

  @Test
  void theBookmarkedLinkOpensTheVaultAndASessionReplacesTheToken() {
    try (TestServer server = TestServer.builder(root).env("ACCESS_LOG_JSON", "1").start()) {
      VaultUser user = VaultUser.register(server);
      Browser browser = server.browser();
      HttpResponse<String> opened = browser.get("/vault?user_token=" + user.token());
      // The session is set and the token leaves the address bar: 303 to the same page without it.
      assertThat(opened.statusCode()).isEqualTo(303);
      assertThat(opened.headers().firstValue("Location")).hasValue("/vault");
      HttpResponse<String> page = browser.follow(opened);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("Document Vault").doesNotContain(user.token());
      String cookie =
          opened.headers().allValues("Set-Cookie").stream()
              .filter(c -> c.startsWith("semptify_session="))
              .reduce((a, b) -> b)
              .orElseThrow();
      assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain(user.token());

      HttpResponse<String> again = browser.get("/vault");
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.body()).doesNotContain("user_token=");
      server.awaitLog("access.log", "/vault");
      assertThat(server.allLogs()).doesNotContain(user.token());
    }
  }

  @Test
  void aTokenInTheAddressNeverStaysThereOnAnyPage() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      Browser browser = server.browser();
      HttpResponse<String> opened =
          browser.get("/ledger?user_token=" + user.token() + "&year=2026&user_token=x");
      assertThat(opened.statusCode()).isEqualTo(303);
      assertThat(opened.headers().firstValue("Location")).hasValue("/ledger?year=2026");
      assertThat(browser.get("/vault").statusCode()).as("the session was set").isEqualTo(200);
      // The JSON API keeps its answers.
      assertThat(server.get("/api/vault?user_token=" + user.token()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void signingInRenewsTheCsrfTokens() throws Exception {
    String admin = Cli.createAdminToken(root, "--id", "ops");
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      Browser browser = server.browser();
      String before = browser.csrfToken("/register"); // the anonymous session's token
      assertThat(browser.getFollowing("/vault?user_token=" + user.token()).statusCode())
          .isEqualTo(200);
      String after = browser.csrfToken("/vault");
      assertThat(after).isNotEqualTo(before);
      HttpResponse<String> stale =
          browser.post("/vault/shares", Map.of("csrf_token", before, "days", "7"));
      assertThat(stale.statusCode()).isEqualTo(400);
      assertThat(stale.body()).contains("CSRF validation failed");

      // An admin sign-in renews them as well.
      String vaultToken = browser.csrfToken("/vault");
      assertThat(browser.get("/admin?token=" + admin).statusCode()).isEqualTo(303);
      HttpResponse<String> staleAdmin =
          browser.post("/vault/shares", Map.of("csrf_token", vaultToken, "days", "7"));
      assertThat(staleAdmin.statusCode()).isEqualTo(400);
      assertThat(browser.get("/vault").statusCode()).as("the vault stays open").isEqualTo(200);
    }
  }

  /** The last value a response set for {@code name}, as a Cookie header would carry it. */
  private static String cookie(HttpResponse<String> response, String name) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .reduce((a, b) -> b)
        .map(c -> c.substring(0, c.indexOf(';')))
        .orElseThrow();
  }

  @Test
  void enablingAgainDoesNotBringBackTheSessionsADisablingEnded() throws Exception {
    String admin = Cli.createAdminToken(root, "--id", "ops");
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      String vaultCookie =
          cookie(server.browser().get("/vault?user_token=" + user.token()), "semptify_session");
      String adminCookie = cookie(server.browser().get("/admin?token=" + admin), "semptify_admin");
      String id =
          Cli.run(root, "user", "list")
              .stdout()
              .lines()
              .skip(1)
              .findFirst()
              .orElseThrow()
              .split("\\s+")[0];
      assertThat(withCookie(server, "/api/vault", vaultCookie).statusCode()).isEqualTo(200);
      assertThat(withCookie(server, "/admin/status", adminCookie).statusCode()).isEqualTo(200);

      assertThat(Cli.run(root, "user", "disable", id).exitCode()).isZero();
      assertThat(Cli.run(root, "user", "enable", id).exitCode()).isZero();
      assertThat(Cli.run(root, "admin-token", "disable", "ops").exitCode()).isZero();
      assertThat(Cli.run(root, "admin-token", "enable", "ops").exitCode()).isZero();

      assertThat(withCookie(server, "/api/vault", vaultCookie).statusCode())
          .as("a vault cookie saved before the disabling")
          .isEqualTo(401);
      assertThat(withCookie(server, "/admin/status", adminCookie).statusCode())
          .as("an admin cookie saved before the disabling")
          .isEqualTo(401);
      // The token itself works again, and so does a new session.
      assertThat(user.get("/api/vault").statusCode()).isEqualTo(200);
      String fresh =
          cookie(server.browser().get("/vault?user_token=" + user.token()), "semptify_session");
      assertThat(withCookie(server, "/api/vault", fresh).statusCode()).isEqualTo(200);
      String freshAdmin = cookie(server.browser().get("/admin?token=" + admin), "semptify_admin");
      assertThat(withCookie(server, "/admin/status", freshAdmin).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void movingAReachedExpiryLaterDoesNotBringBackItsSessions() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      String saved =
          cookie(server.browser().get("/vault?user_token=" + user.token()), "semptify_session");
      Path file = root.resolve("security/users.json");
      String id = VaultUser.json(Files.readString(file)).get(0).get("id").asText();
      // The expiry passes (written by hand, as an operator may): the session stops working ...
      Files.writeString(
          file,
          Files.readString(file).replace("\"enabled\"", "\"expires_ts\":1600000000,\"enabled\""));
      assertThat(withCookie(server, "/api/vault", saved).statusCode()).isEqualTo(401);
      // ... and moving the expiry later does not bring it back; the token itself works again.
      assertThat(Cli.run(root, "user", "expire", id, "--at", "2100-01-01T00:00:00Z").exitCode())
          .isZero();
      assertThat(withCookie(server, "/api/vault", saved).statusCode()).isEqualTo(401);
      assertThat(user.get("/api/vault").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aValueGivenBackByRotationDoesNotReviveItsSessions() throws Exception {
    String first = Cli.createAdminToken(root, "--id", "ops");
    try (TestServer server = TestServer.start(root)) {
      String saved = cookie(server.browser().get("/admin?token=" + first), "semptify_admin");
      String second = "q7Lw-3vTz9Kp_X2mRb8Nc4Hs-second-value";
      assertThat(rotate(server, first, second).statusCode()).isEqualTo(303);
      assertThat(withCookie(server, "/admin/status", saved).statusCode()).isEqualTo(401);
      assertThat(rotate(server, second, first).statusCode()).isEqualTo(303);
      assertThat(withCookie(server, "/admin/status", saved).statusCode())
          .as("a session of the first value, which is back")
          .isEqualTo(401);
      assertThat(
              server
                  .send(server.request("/admin/status").header("X-Admin-Token", first).build())
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void requestsWithAnApiHeaderNeitherReadNorSetCookies() {
    String admin = Cli.createAdminToken(root, "--id", "ops");
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      for (String path : new String[] {"/vault", "/api/vault", "/ledger"}) {
        HttpResponse<String> response =
            server.send(
                server
                    .request(path)
                    .header("X-User-Token", user.token())
                    .header("Accept", "text/html")
                    .build());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(sessionCookies(response)).as(path).isEmpty();
      }
      HttpResponse<String> status =
          server.send(server.request("/admin/status").header("X-Admin-Token", admin).build());
      assertThat(status.statusCode()).isEqualTo(200);
      assertThat(sessionCookies(status)).isEmpty();
    }
  }

  /** The session cookies a response sets (the safety tip's cookie is not one). */
  private static java.util.List<String> sessionCookies(HttpResponse<String> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> !c.startsWith("semptify_tip="))
        .toList();
  }

  @Test
  void aStatusMessageShowsOnlyInTheBrowserSessionThatEarnedIt() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser alice = VaultUser.register(server);
      VaultUser bob = VaultUser.register(server);
      Browser aliceBrowser = server.browser();
      aliceBrowser.getFollowing("/vault?user_token=" + alice.token());
      HttpResponse<String> saved =
          aliceBrowser.submit(
              "/ledger",
              "/ledger",
              Map.of("date", "2026-01-01", "type", "rent", "amount", "1250.00", "note", ""));
      String notice = cookie(saved, "semptify_notice");
      String bobSession =
          cookie(server.browser().get("/vault?user_token=" + bob.token()), "semptify_session");
      HttpResponse<String> elsewhere =
          server.send(
              server
                  .request("/ledger")
                  .header("Cookie", bobSession + "; " + notice)
                  .header("Accept", "text/html")
                  .build());
      assertThat(elsewhere.statusCode()).isEqualTo(200);
      assertThat(elsewhere.body()).doesNotContain("Saved in your rent ledger");
      assertThat(aliceBrowser.get("/ledger").body()).contains("Saved in your rent ledger");
    }
  }

  private static HttpResponse<String> rotate(TestServer server, String actor, String newValue) {
    return server.send(
        server
            .request("/rotate_token")
            .header("X-Admin-Token", actor)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofString(
                    Browser.form(Map.of("target_id", "ops", "new_value", newValue))))
            .build());
  }

  private static HttpResponse<String> withCookie(TestServer server, String path, String cookie) {
    return server.send(
        server.request(path).header("Cookie", cookie).header("Accept", "application/json").build());
  }

  @Test
  void headerAndFormTokensWork() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      assertThat(user.get("/api/vault").statusCode()).isEqualTo(200);
      Browser browser = server.browser();
      HttpResponse<String> open =
          browser.submit("/vault", "/vault/open", Map.of("user_token", user.token()));
      assertThat(open.statusCode()).isEqualTo(303);
      assertThat(browser.get("/vault").body()).contains("Document Vault");
    }
  }

  @Test
  void missingOrBadTokensAre401WithoutTokenMaterialInTheLog() {
    try (TestServer server = TestServer.start(root)) {
      HttpResponse<String> api = server.get("/api/vault");
      assertThat(api.statusCode()).isEqualTo(401);
      assertThat(api.body()).contains("\"error\":\"unauthorized\"");
      HttpResponse<String> page = server.getHtml("/vault?user_token=smpu_wrongwrongwrong");
      assertThat(page.statusCode()).isEqualTo(401);
      assertThat(page.body()).contains("name=\"user_token\"").doesNotContain("smpu_wrong");
      assertThat(page.body())
          .contains("role=\"alert\"")
          .contains("autofocus")
          .contains("That token didn't open a vault. Check for typos; it starts with smpu_.");
      HttpResponse<String> typed =
          server
              .browser()
              .submit("/", "/vault/open", Map.of("user_token", "smpu_typo", "lang", "x"));
      assertThat(typed.statusCode()).isEqualTo(401);
      assertThat(typed.body()).contains("That token didn't open a vault.");
      HttpResponse<String> noToken = server.getHtml("/vault");
      assertThat(noToken.statusCode()).isEqualTo(401);
      assertThat(noToken.body()).contains("name=\"user_token\"").doesNotContain("role=\"alert\"");
      assertThat(server.eventsLog())
          .contains("\"event\":\"user_auth_failed\"")
          .doesNotContain("smpu_wrong");
    }
  }

  @Test
  void disablingOrExpiringAnAccountEndsItsAccessAndSessionsAtOnce() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      Browser browser = server.browser();
      browser.getFollowing("/vault?user_token=" + user.token());
      String id =
          Cli.run(root, "user", "list")
              .stdout()
              .lines()
              .skip(1)
              .findFirst()
              .orElseThrow()
              .split("\\s+")[0];

      assertThat(Cli.run(root, "user", "disable", id).exitCode()).isZero();
      assertThat(user.get("/api/vault").statusCode()).isEqualTo(401);
      assertThat(browser.get("/vault").statusCode()).isEqualTo(401);

      Cli.run(root, "user", "enable", id);
      assertThat(user.get("/api/vault").statusCode()).isEqualTo(200);

      Cli.run(root, "user", "expire", id, "--at", "2020-01-01T00:00:00Z");
      assertThat(user.get("/api/vault").statusCode()).isEqualTo(401);

      Path file = root.resolve("security/users.json");
      Files.writeString(
          file,
          Files.readString(file).replaceAll("\"expires_ts\":[0-9]+", "\"expires_ts\":4102444800"));
      assertThat(user.get("/api/vault").statusCode()).as("hand edit").isEqualTo(200);
    }
  }

  @Test
  void failedAttemptsAreLimitedPerAddress() {
    try (TestServer server = TestServer.builder(root).env("SEMPTIFY_AUTH_FAIL_MAX", "3").start()) {
      VaultUser user = VaultUser.register(server);
      for (int i = 0; i < 3; i++) {
        assertThat(
                server
                    .send(
                        server
                            .request("/api/vault")
                            .header("X-User-Token", "guess" + i)
                            .GET()
                            .build())
                    .statusCode())
            .isEqualTo(401);
      }
      HttpResponse<String> limited =
          server.send(
              server.request("/api/vault").header("X-User-Token", user.token()).GET().build());
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }
  }

  private static HttpResponse<String> follow(
      TestServer server, Browser browser, String pathAndQuery, String header, String value) {
    var request = server.request(pathAndQuery).header("Accept", "text/html");
    if (header != null) {
      request.header(header, value);
    }
    return browser.follow(browser.send(request.GET().build()));
  }

  private static final java.util.regex.Pattern HIDDEN_TOKEN =
      java.util.regex.Pattern.compile("name=\"user_token\" value=\"([^\"]+)\"");

  @Test
  void aLinkFromAnotherSiteNeverSilentlySwitchesTheVault() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser tenant = VaultUser.register(server);
      VaultUser other = VaultUser.register(server);
      tenant.uploadFile("tenant-notice.txt", "mine".getBytes());
      other.uploadFile("attacker-file.txt", "theirs".getBytes());

      Browser browser = server.browser();
      HttpResponse<String> own =
          follow(server, browser, "/vault?user_token=" + tenant.token(), "Sec-Fetch-Site", "none");
      assertThat(own.body()).contains("tenant-notice.txt");

      for (String[] header :
          new String[][] {
            {"Sec-Fetch-Site", "cross-site"},
            {"Sec-Fetch-Site", "same-site"},
            {"Sec-Fetch-Site", "same-origin"},
            {"Sec-Fetch-Site", "none"},
            {"Referer", "https://evil.example/page"}
          }) {
        HttpResponse<String> ask =
            follow(server, browser, "/vault?user_token=" + other.token(), header[0], header[1]);
        assertThat(ask.statusCode()).as(header[1]).isEqualTo(200);
        assertThat(ask.body())
            .as(header[1])
            .contains("Open a different vault?")
            .contains("action=\"/vault/open\"")
            .contains("name=\"csrf_token\"")
            .doesNotContain("attacker-file.txt");
        // The token waits in a sealed cookie: neither the page nor its address carries it.
        assertThat(ask.uri().getPath()).isEqualTo("/vault/open");
        assertThat(ask.uri().toString()).doesNotContain(other.token());
        assertThat(ask.body()).doesNotContain(other.token());
        assertThat(HIDDEN_TOKEN.matcher(ask.body()).find()).isFalse();
        assertThat(ask.headers().firstValue("Location")).isEmpty();
        // Still the tenant's own vault, and her uploads still go there.
        assertThat(browser.get("/vault").body())
            .contains("tenant-notice.txt")
            .doesNotContain("attacker-file.txt");
      }
      String csrf = browser.csrfToken("/vault");
      org.semptify.testing.Multipart upload =
          new org.semptify.testing.Multipart()
              .field("csrf_token", csrf)
              .file("file", "after-link.txt", "x".getBytes());
      assertThat(
              browser
                  .send(
                      server
                          .request("/vault/upload")
                          .header("Accept", "text/html")
                          .header("Content-Type", upload.contentType())
                          .POST(
                              java.net.http.HttpRequest.BodyPublishers.ofByteArray(upload.bytes()))
                          .build())
                  .statusCode())
          .isEqualTo(303);
      assertThat(tenant.get("/api/vault").body()).contains("after-link.txt");
      assertThat(other.get("/api/vault").body()).doesNotContain("after-link.txt");

      // A link to the vault already open just opens it.
      assertThat(
              follow(
                      server,
                      browser,
                      "/vault?user_token=" + tenant.token(),
                      "Sec-Fetch-Site",
                      "cross-site")
                  .body())
          .contains("tenant-notice.txt");

      // The click: a same-origin POST of the confirmation form, with its CSRF token, switches.
      follow(server, browser, "/vault?user_token=" + other.token(), "Sec-Fetch-Site", "cross-site");
      HttpResponse<String> confirmed = browser.submit("/vault/open", "/vault/open", Map.of());
      assertThat(confirmed.statusCode()).isEqualTo(303);
      assertThat(browser.get("/vault").body()).contains("attacker-file.txt");
      assertThat(browser.get("/vault/open").statusCode())
          .as("nothing is waiting any more")
          .isEqualTo(303);
      // Typing a token into a form still works as before.
      HttpResponse<String> typed =
          browser.submit("/vault", "/vault/open", Map.of("user_token", tenant.token()));
      assertThat(typed.statusCode()).isEqualTo(303);
      assertThat(browser.get("/vault").body()).contains("tenant-notice.txt");
    }
  }

  @Test
  void withNoVaultOpenOnlyACrossSiteLinkAsksFirst() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      Browser fresh = server.browser();
      HttpResponse<String> crossSite =
          follow(
              server, fresh, "/vault?user_token=" + user.token(), "Sec-Fetch-Site", "cross-site");
      assertThat(crossSite.body()).contains("Open a different vault?");
      assertThat(fresh.get("/vault").statusCode()).as("no session was started").isEqualTo(401);

      HttpResponse<String> held =
          fresh.send(
              server
                  .request("/vault?user_token=" + user.token())
                  .header("Accept", "text/html")
                  .header("Accept-Language", "es")
                  .header("Origin", "https://evil.example")
                  .GET()
                  .build());
      assertThat(held.statusCode()).isEqualTo(303);
      assertThat(held.headers().firstValue("Location")).hasValue("/vault/open");
      HttpResponse<String> spanish =
          fresh.send(
              server
                  .request("/vault/open")
                  .header("Accept", "text/html")
                  .header("Accept-Language", "es")
                  .GET()
                  .build());
      assertThat(spanish.body()).contains("¿Abrir otra bóveda?").contains("Abrir esta bóveda");

      assertThat(
              follow(server, fresh, "/vault?user_token=" + user.token(), "Sec-Fetch-Site", "none")
                  .statusCode())
          .as("typed or bookmarked")
          .isEqualTo(200);
      Browser sameOrigin = server.browser();
      assertThat(
              follow(
                      server,
                      sameOrigin,
                      "/vault?user_token=" + user.token(),
                      "Sec-Fetch-Site",
                      "same-origin")
                  .statusCode())
          .isEqualTo(200);
      assertThat(sameOrigin.get("/vault").statusCode()).isEqualTo(200);
    }
  }
}

package org.semptify.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semptify.admin.AdminTestSupport.getWithToken;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.crypto.Tokens;
import org.semptify.testing.Browser;
import org.semptify.testing.Cli;
import org.semptify.testing.TestServer;

/** Every admin token source, and every way a token stops working. */
class AdminAuthenticationTest {
  @TempDir Path root;
  private TestServer server;
  private String token;

  @BeforeEach
  void start() {
    token = Cli.createAdminToken(root, "--id", "ops");
    server = TestServer.start(root);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void headerTokenWorksForPrograms() {
    HttpResponse<String> response = getWithToken(server, "/admin/status", token);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"security_mode\":\"enforced\"")
        .contains("\"id\":\"ops\"")
        .doesNotContain("sha256");
    assertThat(server.eventsLog())
        .contains("\"event\":\"admin_auth\"")
        .contains("\"token_id\":\"ops\"")
        .contains("\"method\":\"header\"");
    assertThat(server.get("/metrics").body()).contains("admin_requests_total 1.0");
  }

  @Test
  void queryTokenBecomesASessionCookieAndLeavesTheAddressBar() {
    Browser browser = server.browser();
    HttpResponse<String> login = browser.get("/admin?token=" + token);
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location")).hasValue("/admin");
    String cookie =
        login.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("semptify_admin="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie)
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .contains("Path=/")
        .doesNotContain(token);
    assertThat(login.body()).doesNotContain(token);

    HttpResponse<String> page = browser.get("/admin");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Signed in with token <code>ops</code>").doesNotContain(token);
  }

  @Test
  void formTokenSignsInThroughTheLoginForm() {
    Browser browser = server.browser();
    HttpResponse<String> form = browser.get("/admin");
    assertThat(form.statusCode()).isEqualTo(401);
    assertThat(form.body()).contains("name=\"token\"").contains("name=\"csrf_token\"");
    assertThat(form.body()).as("nothing tried yet").doesNotContain("role=\"alert\"");
    HttpResponse<String> wrong =
        browser.submit("/admin", "/admin/login", Map.of("token", "smpa_typo"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body())
        .contains("role=\"alert\"")
        .contains("That token didn't open the admin pages. Check for typos; it starts with smpa_.")
        .doesNotContain("smpa_typo");

    HttpResponse<String> login = browser.submit("/admin", "/admin/login", Map.of("token", token));
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(browser.get("/admin").statusCode()).isEqualTo(200);
    assertThat(server.eventsLog()).contains("\"method\":\"form\"");
  }

  @Test
  void overHttpsTheCookieIsSecureWithTheHostPrefix() throws Exception {
    server.close();
    server = TestServer.builder(root).env("SEMPTIFY_TRUST_PROXY", "1").start();
    HttpResponse<String> login =
        server.send(
            server
                .request("/admin?token=" + token)
                .header("X-Forwarded-Proto", "https")
                .GET()
                .build());
    String cookie =
        login.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("__Host-semptify_admin="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie)
        .contains("Secure")
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .contains("Path=/")
        .doesNotContain("Domain");
  }

  @Test
  void failuresAre401WithJsonOrALoginFormAndAreCounted() {
    HttpResponse<String> api = getWithToken(server, "/admin/status", "not-a-real-token");
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.body())
        .contains("\"error\":\"unauthorized\"")
        .doesNotContain("not-a-real-token");

    HttpResponse<String> browser = server.getHtml("/admin?token=also-wrong");
    assertThat(browser.statusCode()).isEqualTo(401);
    assertThat(browser.body())
        .contains("<form")
        .contains("Admin token")
        .doesNotContain("also-wrong");

    assertThat(server.eventsLog())
        .contains("\"event\":\"admin_auth_failed\"")
        .contains("\"path\":\"/admin/status\"");
    assertThat(server.get("/metrics").body())
        .contains("errors_total 2.0")
        .contains("admin_requests_total 0.0");
  }

  @Test
  void aMistypedTokenIsRejected() {
    String typo =
        token.substring(0, 20) + (token.charAt(20) == 'a' ? 'b' : 'a') + token.substring(21);
    assertThat(getWithToken(server, "/admin/status", typo).statusCode()).isEqualTo(401);
  }

  @Test
  void handEditsTakeEffectAtOnce() throws Exception {
    Browser browser = server.browser();
    browser.get("/admin?token=" + token);
    assertThat(browser.get("/admin").statusCode()).isEqualTo(200);

    Path file = root.resolve("security/admin_tokens.json");
    Files.writeString(
        file, Files.readString(file).replace("\"enabled\" : true", "\"enabled\" : false"));
    assertThat(getWithToken(server, "/admin/status", token).statusCode()).isEqualTo(401);
    assertThat(browser.get("/admin").statusCode()).as("the session ended too").isEqualTo(401);

    Files.writeString(
        file, Files.readString(file).replace("\"enabled\" : false", "\"enabled\" : true"));
    assertThat(getWithToken(server, "/admin/status", token).statusCode()).isEqualTo(200);

    Files.writeString(file, "[]");
    assertThat(getWithToken(server, "/admin/status", token).statusCode())
        .as("removed")
        .isEqualTo(401);
  }

  @Test
  void expiredTokensNeverAuthenticate() throws Exception {
    Path file = root.resolve("security/admin_tokens.json");
    Files.writeString(
        file,
        "[{\"id\": \"old\", \"hash\": \""
            + Tokens.hash(token)
            + "\", \"created_ts\": 1, \"enabled\": true, \"breakglass\": false, \"expires_ts\": 1000}]");
    assertThat(getWithToken(server, "/admin/status", token).statusCode()).isEqualTo(401);
    assertThat(server.eventsLog()).contains("disabled_or_expired");
  }

  @Test
  void aGarbageFileAcceptsNoFileTokenDegradesReadinessAndIsLeftAlone() throws Exception {
    Path file = root.resolve("security/admin_tokens.json");
    byte[] garbage = "this is { not json".getBytes();
    Files.write(file, garbage);
    assertThat(getWithToken(server, "/admin/status", token).statusCode()).isEqualTo(401);
    assertThat(server.get("/readyz").statusCode()).isEqualTo(503);
    assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    assertThat(server.eventsLog())
        .contains("\"event\":\"token_file_invalid\"")
        .contains("\"file\":\"admin_tokens.json\"");
  }

  @Test
  void disablingATokenWithTheCliEndsItsSessions() {
    Browser browser = server.browser();
    browser.get("/admin?token=" + token);
    assertThat(Cli.run(root, "admin-token", "disable", "ops").exitCode()).isZero();
    assertThat(browser.get("/admin").statusCode()).isEqualTo(401);
    assertThat(Cli.run(root, "admin-token", "enable", "ops").exitCode()).isZero();
    assertThat(getWithToken(server, "/admin/status", token).statusCode()).isEqualTo(200);
  }

  @Test
  void rotatingATokenWithTheCliStopsTheOldValueAndItsSessions() {
    Browser browser = server.browser();
    browser.get("/admin?token=" + token);
    Cli.Result rotated = Cli.run(root, "admin-token", "rotate", "ops");
    String fresh = rotated.stdout().strip();
    assertThat(getWithToken(server, "/admin/status", token).statusCode()).isEqualTo(401);
    assertThat(browser.get("/admin").statusCode()).isEqualTo(401);
    assertThat(getWithToken(server, "/admin/status", fresh).statusCode()).isEqualTo(200);
  }

  @Test
  void aForgedOrTamperedSessionCookieIsRejected() {
    HttpResponse<String> response =
        server.send(
            server
                .request("/admin/status")
                .header("Cookie", "semptify_admin=AAAAbogus")
                .GET()
                .build());
    assertThat(response.statusCode()).isEqualTo(401);
  }
}

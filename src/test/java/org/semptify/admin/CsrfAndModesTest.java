package org.semptify.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semptify.admin.AdminTestSupport.getWithToken;
import static org.semptify.admin.AdminTestSupport.postWithToken;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.Cli;
import org.semptify.testing.TestServer;

/** SECURITY_MODE and the two CSRF layers (seed §3). */
class CsrfAndModesTest {
  @TempDir Path root;

  private static Browser signedIn(TestServer server, String token) {
    Browser browser = server.browser();
    assertThat(browser.get("/admin?token=" + token).statusCode()).isEqualTo(303);
    return browser;
  }

  @Test
  void csrfTokenFileIsCreatedOwnerOnly() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      Path file = root.resolve("security/csrf.token");
      assertThat(Files.getPosixFilePermissions(file))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
  }

  @Test
  void enforcedModeRequiresAValidCsrfTokenOnForms() {
    String token = Cli.createAdminToken(root, "--id", "ops");
    try (TestServer server = TestServer.start(root)) {
      Browser browser = signedIn(server, token);

      HttpResponse<String> missing = browser.post("/admin/tokens/breakglass", Map.of());
      assertThat(missing.statusCode()).isEqualTo(400);
      assertThat(missing.body()).contains("CSRF validation failed");

      HttpResponse<String> wrong =
          browser.post("/admin/tokens/breakglass", Map.of("csrf_token", "forged"));
      assertThat(wrong.statusCode()).isEqualTo(400);

      HttpResponse<String> apiMissing =
          server.send(
              server
                  .request("/admin/logout")
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(""))
                  .build());
      assertThat(apiMissing.statusCode()).isEqualTo(400);
      assertThat(apiMissing.body()).contains("\"error\":\"CSRF validation failed\"");

      HttpResponse<String> right = browser.submit("/admin", "/admin/tokens/breakglass", Map.of());
      assertThat(right.statusCode()).isEqualTo(303);

      assertThat(server.eventsLog())
          .contains("\"event\":\"csrf_failed\"")
          .contains("\"reason\":\"missing\"")
          .contains("\"reason\":\"mismatch\"");
    }
  }

  @Test
  void theCsrfHeaderIsAcceptedToo() {
    String token = Cli.createAdminToken(root, "--id", "ops");
    try (TestServer server = TestServer.start(root)) {
      Browser browser = signedIn(server, token);
      String csrf = browser.csrfToken("/admin");
      HttpResponse<String> response =
          browser.send(
              server
                  .request("/admin/tokens/breakglass")
                  .header("X-CSRF-Token", csrf)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build());
      assertThat(response.statusCode()).isEqualTo(303);
    }
  }

  @Test
  void headerAuthenticatedApiCallsNeedNoCsrfButCrossSiteIsAlwaysRefused() {
    String token = Cli.createAdminToken(root, "--id", "ops");
    try (TestServer server = TestServer.start(root)) {
      assertThat(postWithToken(server, "/admin/tokens/ops/disable", token, "").statusCode())
          .isEqualTo(303);
      Cli.run(root, "admin-token", "enable", "ops");

      Browser browser = signedIn(server, token);
      String csrf = browser.csrfToken("/admin");
      HttpResponse<String> crossSite =
          browser.send(
              server
                  .request("/admin/tokens/breakglass")
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Sec-Fetch-Site", "cross-site")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(Browser.form(Map.of("csrf_token", csrf))))
                  .build());
      assertThat(crossSite.statusCode()).isEqualTo(400);
      assertThat(server.eventsLog()).contains("\"reason\":\"cross_site\"");

      HttpResponse<String> sameOrigin =
          browser.send(
              server
                  .request("/admin/tokens/breakglass")
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Sec-Fetch-Site", "same-origin")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(Browser.form(Map.of("csrf_token", csrf))))
                  .build());
      assertThat(sameOrigin.statusCode()).isEqualTo(303);
    }
  }

  @Test
  void replacingTheCsrfSecretInvalidatesOutstandingForms() throws Exception {
    String token = Cli.createAdminToken(root, "--id", "ops");
    Browser browser;
    String oldCsrf;
    try (TestServer server = TestServer.start(root)) {
      browser = signedIn(server, token);
      oldCsrf = browser.csrfToken("/admin");
    }
    Files.delete(root.resolve("security/csrf.token"));
    try (TestServer server = TestServer.start(root)) {
      Browser sameProfile = server.browser();
      sameProfile.get("/admin?token=" + token);
      HttpResponse<String> stale =
          sameProfile.post("/admin/tokens/breakglass", Map.of("csrf_token", oldCsrf));
      assertThat(stale.statusCode()).isEqualTo(400);
      assertThat(root.resolve("security/csrf.token")).exists();
    }
  }

  @Test
  void enforcedPagesSayEnforced() {
    try (TestServer server = TestServer.start(root)) {
      assertThat(server.getHtml("/admin").body()).contains("SECURITY MODE: ENFORCED");
    }
  }

  @Test
  void openModeNeedsNoTokenNorCsrfButLogsEveryAdminAccess() {
    try (TestServer server = TestServer.builder(root).env("SECURITY_MODE", "open").start()) {
      HttpResponse<String> page = server.getHtml("/admin");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("SECURITY MODE: OPEN");
      assertThat(server.get("/admin/status").statusCode()).isEqualTo(200);
      assertThat(server.post("/admin/tokens/breakglass", "").statusCode()).isEqualTo(303);
      assertThat(server.eventsLog()).contains("\"event\":\"open_mode_access\"");
      assertThat(getWithToken(server, "/admin/status", "anything").statusCode()).isEqualTo(200);
    }
  }
}

package org.semptify.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semptify.admin.AdminTestSupport.getWithToken;
import static org.semptify.admin.AdminTestSupport.postWithToken;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.Cli;
import org.semptify.testing.Multipart;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

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

  private static HttpResponse<String> postMultipart(
      TestServer server, Browser browser, String path, Multipart body) {
    return browser.send(
        server
            .request(path)
            .header("Accept", "text/html")
            .header("Content-Type", body.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
            .build());
  }

  private static long csrfFailures(TestServer server) {
    return server.eventsLog().lines().filter(l -> l.contains("\"event\":\"csrf_failed\"")).count();
  }

  @Test
  void multipartBodiesWithoutATokenChangeNothingOnAnyRoute() throws Exception {
    String admin = Cli.createAdminToken(root, "--id", "ops");
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      String docId = user.uploadFile("notice.txt", "notice".getBytes()).get("doc_id").asText();
      String userId =
          VaultUser.json(Files.readString(root.resolve("security/users.json")))
              .get(0)
              .get("id")
              .asText();
      Browser browser = signedIn(server, admin);
      assertThat(browser.getFollowing("/vault?user_token=" + user.token()).statusCode())
          .isEqualTo(200);
      String adminTokensBefore = Files.readString(root.resolve("security/admin_tokens.json"));
      String usersBefore = Files.readString(root.resolve("security/users.json"));

      Map<String, Multipart> attacks =
          Map.of(
              "/vault/files/" + docId + "/delete",
              new Multipart().field("confirm", "yes"),
              "/vault/shares",
              new Multipart().field("label", "x").field("days", "7"),
              "/vault/token/rotate",
              new Multipart().field("confirm", "yes"),
              "/ledger",
              new Multipart()
                  .field("date", "2026-01-01")
                  .field("type", "rent")
                  .field("amount", "1.00"),
              "/admin/tokens/breakglass",
              new Multipart().field("note", "x"),
              "/admin/users/" + userId + "/disable",
              new Multipart().field("x", "y"),
              "/admin/tokens/ops/disable",
              new Multipart().field("x", "y"));
      for (Map.Entry<String, Multipart> attack : attacks.entrySet()) {
        long before = csrfFailures(server);
        HttpResponse<String> response =
            postMultipart(server, browser, attack.getKey(), attack.getValue());
        assertThat(response.statusCode()).as(attack.getKey()).isEqualTo(400);
        assertThat(response.body()).as(attack.getKey()).contains("CSRF validation failed");
        assertThat(csrfFailures(server)).as(attack.getKey()).isEqualTo(before + 1);
      }
      // A wrong token in the multipart body is refused as well.
      HttpResponse<String> forged =
          postMultipart(
              server,
              browser,
              "/vault/shares",
              new Multipart().field("csrf_token", "forged").field("label", "x"));
      assertThat(forged.statusCode()).isEqualTo(400);

      assertThat(Files.readString(root.resolve("security/admin_tokens.json")))
          .isEqualTo(adminTokensBefore);
      assertThat(Files.readString(root.resolve("security/users.json"))).isEqualTo(usersBefore);
      assertThat(VaultUser.json(user.get("/api/vault").body()).get("documents")).hasSize(1);
      assertThat(user.get("/ledger").body()).contains("\"entries\":[]");
      assertThat(root.resolve("uploads/shares"))
          .satisfiesAnyOf(
              dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());

      // The same multipart form with its token in the body goes through.
      String csrf = browser.csrfToken("/vault");
      HttpResponse<String> ledger =
          postMultipart(
              server,
              browser,
              "/ledger",
              new Multipart()
                  .field("date", "2026-01-01")
                  .field("type", "rent")
                  .field("amount", "1.00")
                  .field("csrf_token", csrf));
      assertThat(ledger.statusCode()).isEqualTo(303);
      assertThat(user.get("/ledger").body()).contains("2026-01-01");
    }
  }

  @Test
  void anUploadsTokenMustBeItsFirstField() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      Browser browser = server.browser();
      assertThat(browser.getFollowing("/vault?user_token=" + user.token()).statusCode())
          .isEqualTo(200);
      String csrf = browser.csrfToken("/vault");
      for (Multipart late :
          List.of(
              new Multipart().file("file", "a.txt", "a".getBytes()).field("csrf_token", csrf),
              new Multipart()
                  .field("description", "x")
                  .field("csrf_token", csrf)
                  .file("file", "a.txt", "a".getBytes()),
              new Multipart().file("file", "a.txt", "a".getBytes()))) {
        assertThat(postMultipart(server, browser, "/vault/upload", late).statusCode())
            .isEqualTo(400);
        assertThat(postMultipart(server, browser, "/certified_post", late).statusCode())
            .isEqualTo(400);
      }
      assertThat(VaultUser.json(user.get("/api/vault").body()).get("documents")).isEmpty();
      assertThat(server.eventsLog()).contains("\"reason\":\"missing\"");
      HttpResponse<String> first =
          postMultipart(
              server,
              browser,
              "/vault/upload",
              new Multipart().field("csrf_token", csrf).file("file", "a.txt", "a".getBytes()));
      assertThat(first.statusCode()).isEqualTo(303);
      assertThat(VaultUser.json(user.get("/api/vault").body()).get("documents")).hasSize(1);
    }
  }

  @Test
  void aDeferredCheckThatIsNeverCompletedFailsClosed() {
    try (TestServer server =
        TestServer.builder(root)
            .extraRoutes(
                routes ->
                    routes.addEndpoint(
                        io.javalin.router.Endpoint.create(
                                io.javalin.http.HandlerType.POST, "/test/streamed")
                            .addMetadata(org.semptify.web.RouteTable.StreamedBody.INSTANCE)
                            .handler(
                                ctx ->
                                    ctx.redirect("/stored", io.javalin.http.HttpStatus.SEE_OTHER))))
            .start()) {
      Browser browser = server.browser();
      browser.csrfToken("/");
      HttpResponse<String> response =
          postMultipart(server, browser, "/test/streamed", new Multipart().field("x", "y"));
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).contains("CSRF validation failed");
      assertThat(response.headers().firstValue("Location")).isEmpty();
      assertThat(server.eventsLog()).contains("\"reason\":\"unverified\"");
    }
  }

  @Test
  void aMalformedMultipartFormIsTheClientsErrorNotTheServers() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      for (String path : List.of("/register", "/ledger", "/vault/shares", "/admin/login")) {
        HttpResponse<String> response =
            server.send(
                server
                    .request(path)
                    .header("X-User-Token", user.token())
                    .header("Content-Type", "multipart/form-data; boundary=xyz")
                    .POST(HttpRequest.BodyPublishers.ofString("--xyz\r\nContent-Disp"))
                    .build());
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.body())
            .as(path)
            .contains("could not be read as multipart/form-data")
            .doesNotContain("Exception");
      }
      assertThat(server.eventsLog()).doesNotContain("\"event\":\"error\"");
      assertThat(server.get("/metrics").body()).contains("errors_total 0.0");
    }
  }

  @Test
  void anOversizedMultipartFormIsRefusedBeforeItIsStored() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      String body =
          "--xyz\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n"
              + "x".repeat(2 * 1024 * 1024)
              + "\r\n--xyz--\r\n";
      // Refused on its Content-Length before any of it is read: a client that asks for
      // "100 Continue" first (curl does for large bodies) gets the answer without sending it.
      String response = expectContinue(server, "/ledger", user.token(), body.length());
      assertThat(response)
          .startsWith("HTTP/1.1 413")
          .contains("too large")
          .doesNotContain("Exception");

      // Chunked, with no length to check up front, it is refused once the parser passes the limit
      // (a body only a little over it, so that all of it has arrived when the answer goes out
      // and the connection closes cleanly).
      byte[] bytes =
          ("--xyz\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n"
                  + "x".repeat(1024 * 1024 + 16 * 1024)
                  + "\r\n--xyz--\r\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      HttpResponse<String> chunked =
          server.send(
              server
                  .request("/ledger")
                  .header("X-User-Token", user.token())
                  .header("Content-Type", "multipart/form-data; boundary=xyz")
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(
                          () -> new java.io.ByteArrayInputStream(bytes)))
                  .build());
      assertThat(chunked.statusCode()).isEqualTo(413);
      assertThat(chunked.body()).contains("too large");
      assertThat(server.eventsLog()).doesNotContain("\"event\":\"error\"");
    }
  }

  @Test
  void aStrayApiHeaderDoesNotCarryACookieSessionPastTheCheck() throws Exception {
    String admin = Cli.createAdminToken(root, "--id", "ops");
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      String docId = user.uploadFile("notice.txt", "notice".getBytes()).get("doc_id").asText();
      Browser browser = signedIn(server, admin);
      assertThat(browser.getFollowing("/vault?user_token=" + user.token()).statusCode())
          .isEqualTo(200);
      String adminTokensBefore = Files.readString(root.resolve("security/admin_tokens.json"));
      for (String header : List.of("X-Admin-Token", "X-User-Token")) {
        HttpResponse<String> delete =
            browser.send(
                server
                    .request("/vault/files/" + docId + "/delete")
                    .header("Accept", "text/html")
                    .header(header, "x")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("confirm=yes"))
                    .build());
        assertThat(delete.statusCode()).as(header).isIn(401, 403);
        HttpResponse<String> breakglass =
            browser.send(
                server
                    .request("/admin/tokens/breakglass")
                    .header("Accept", "text/html")
                    .header(header, "x")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("note=x"))
                    .build());
        assertThat(breakglass.statusCode()).as(header).isIn(401, 403);
      }
      assertThat(user.get("/api/vault").body()).contains(docId);
      assertThat(Files.readString(root.resolve("security/admin_tokens.json")))
          .isEqualTo(adminTokensBefore);
      // The real sessions are untouched: the browser still opens the vault and the dashboard.
      assertThat(browser.get("/vault").body()).contains("notice.txt");
      assertThat(browser.get("/admin").statusCode()).isEqualTo(200);
    }
  }

  /**
   * Sends only the head of a multipart POST of {@code length} bytes with {@code Expect:
   * 100-continue} and returns what the server answers before any of the body is sent.
   */
  private static String expectContinue(TestServer server, String path, String token, int length)
      throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.uri("/").getPort())) {
      socket.setSoTimeout(10_000);
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-User-Token: "
              + token
              + "\r\nContent-Type: multipart/form-data; boundary=xyz\r\nContent-Length: "
              + length
              + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(
          socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}

package org.semptify.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.semptify.testing.RequiresTool;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;
import org.semptify.vault.VaultDeletionTest;

/**
 * Issue 18 in Chromium at 390×844, in English and Spanish: the capture inputs and a multi-file
 * upload (one certificate per file); the installable app (the manifest as Chromium reads it, the
 * service worker registered, its cache holding static assets only, the offline page, the quick exit
 * emptying it); and "Delete my vault" with two shares and records, after which the token, the
 * shares and the files are gone and nothing of the user remains but the events log.
 */
@RequiresTool(value = BrowserSession.CHROMIUM_PATH, install = "apt-get install chromium")
@RequiresTool(value = BrowserSession.CHROMEDRIVER_PATH, install = "apt-get install chromium-driver")
@RequiresTool(
    value = BrowserSession.AXE_PATH,
    executable = false,
    install = "npm ci --prefix src/test/e2e")
class TenantControlTest {
  @TempDir Path root;

  /** Every URL held by every Cache Storage cache of the page's origin. */
  @SuppressWarnings("unchecked")
  static List<String> cacheKeys(BrowserSession browser) {
    return (List<String>)
        browser
            .driver()
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "caches.keys()"
                    + ".then(names => Promise.all(names.map(n => caches.open(n)"
                    + "  .then(c => c.keys()).then(rs => rs.map(r => n + ' ' + r.url)))))"
                    + ".then(lists => done([].concat(...lists)))"
                    + ".catch(e => done(['failed: ' + e]));");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en", "es"})
  void captureInstallAndDeleteOnAPhone(String language) throws Exception {
    boolean es = language.equals("es");
    try (TestServer server =
            TestServer.builder(root)
                .env("SECURITY_MODE", "enforced")
                .extraRoutes(
                    routes ->
                        routes.get(
                            "/test/unreachable",
                            ctx ->
                                org.semptify.web.ResponseAbort.abort(
                                    ctx, new java.io.IOException("the network is gone"))))
                .start();
        BrowserSession browser =
            new BrowserSession(
                server.uri("/").toString().replaceAll("/$", ""),
                language,
                root.resolve("profile"),
                "tenant-control-" + language)) {
      String base = server.uri("/").toString().replaceAll("/$", "");
      browser.resize(390, 844);
      browser.viewport(390, 844);
      browser.open("/register");
      browser.click("form[action='/register'] button[type=submit]");
      String token = browser.find("#token").getAttribute("value");
      browser.open("/");
      browser.type("#home-token", token);
      browser.click("form[action='/vault/open'] button[type=submit]");
      browser.waitForPath("/vault");

      // Capture: the phone's own camera and recorders, no script needed, and a multiple choice.
      Map<String, String[]> captures =
          Map.of(
              "#capture-photo", new String[] {"image/*", "environment"},
              "#capture-audio", new String[] {"audio/*", "user"},
              "#capture-video", new String[] {"video/*", "environment"});
      for (Map.Entry<String, String[]> capture : captures.entrySet()) {
        var input = browser.find(capture.getKey());
        assertThat(input.getAttribute("type")).isEqualTo("file");
        assertThat(input.getAttribute("name")).isEqualTo("file");
        assertThat(input.getAttribute("accept")).isEqualTo(capture.getValue()[0]);
        assertThat(input.getAttribute("capture")).isEqualTo(capture.getValue()[1]);
      }
      assertThat(browser.find("#file").getAttribute("multiple")).isNotNull();
      assertThat(browser.find("label[for='capture-photo']").getText())
          .isEqualTo(es ? "Tomar una foto" : "Take a photo");
      browser.checkpoint("vault-capture");
      browser.fullPage("vault-capture-full");
      PhoneLayoutTest.assertTapTargets(browser, "/vault");
      PhoneLayoutTest.assertNoSidewaysScroll(browser, "/vault");

      // Several files from the gallery: one certificate each, and one summary message.
      List<Path> files = new ArrayList<>();
      for (String name : new String[] {"IMG_2041.jpg", "IMG_2042.jpg", "grabacion-vecino.m4a"}) {
        Path file = root.resolve(name);
        Files.write(file, (name + " bytes").getBytes());
        files.add(file);
      }
      browser
          .find("#file")
          .sendKeys(String.join("\n", files.stream().map(Path::toString).toList()));
      assertThat(browser.find("#capture-chosen").getText())
          .contains(es ? "3 archivos listos" : "3 files ready")
          .contains("IMG_2041.jpg");
      browser.type(
          "#description", es ? "Moho en el techo del baño" : "Mould on the bathroom ceiling");
      browser.type("#place", es ? "Baño, apartamento 4B" : "Bathroom, apartment 4B");
      browser.screenshot("files-chosen");
      browser.click("#upload-form button[type=submit]");
      new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
          .ignoring(org.openqa.selenium.WebDriverException.class) // the page is being replaced
          .until(
              d ->
                  !d.findElements(By.cssSelector("[role=status]")).isEmpty()
                      && d.findElement(By.cssSelector("main [role=status]"))
                          .getText()
                          .contains(es ? "Se guardaron 3 archivos" : "Saved 3 files"));
      browser.checkpoint("uploaded-three");
      JsonNode documents =
          VaultUser.json(
                  server
                      .send(
                          server.request("/api/vault").header("X-User-Token", token).GET().build())
                      .body())
              .get("documents");
      assertThat(documents).hasSize(3);
      List<String> certificates = new ArrayList<>();
      for (JsonNode document : documents) {
        String body =
            server
                .send(
                    server
                        .request("/api/vault/" + document.get("doc_id").asText() + "/certificate")
                        .header("X-User-Token", token)
                        .header("Accept", "application/json")
                        .GET()
                        .build())
                .body();
        assertThat(body).contains(document.get("doc_id").asText());
        certificates.add(body);
      }
      assertThat(certificates).doesNotHaveDuplicates();
      browser.open("/vault/files/" + documents.get(0).get("doc_id").asText() + "/certificate");
      assertThat(browser.find("article.certificate").getText())
          .contains(es ? "Baño, apartamento 4B" : "Bathroom, apartment 4B");
      browser.checkpoint("certificate-with-place");

      // The installable app: Chromium reads the manifest without an error.
      browser.open("/vault");
      Map<String, Object> manifest =
          browser.driver().executeCdpCommand("Page.getAppManifest", Map.of());
      assertThat((List<?>) manifest.get("errors")).as(String.valueOf(manifest)).isEmpty();
      assertThat(String.valueOf(manifest.get("url"))).endsWith("/manifest.webmanifest");
      JsonNode data = VaultUser.json(String.valueOf(manifest.get("data")));
      assertThat(data.get("start_url").asText()).isEqualTo("/vault");
      assertThat(data.get("display").asText()).isEqualTo("standalone");
      assertThat(data.get("lang").asText()).isEqualTo(language);

      // The service worker registers and controls the pages; its cache holds static assets only,
      // even after pages, a file and a certificate were opened.
      Object scope =
          browser
              .driver()
              .executeAsyncScript(
                  "const done = arguments[arguments.length - 1];"
                      + "navigator.serviceWorker.ready.then(r => done(r.scope))"
                      + ".catch(e => done('failed: ' + e));");
      assertThat(String.valueOf(scope)).isEqualTo(base + "/");
      browser.open("/vault");
      new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
          .ignoring(org.openqa.selenium.WebDriverException.class) // the page is being replaced
          .until(
              d ->
                  Boolean.TRUE.equals(
                      browser.script("return !!navigator.serviceWorker.controller;")));
      for (String page : new String[] {"/ledger", "/vault/certificates", "/vault"}) {
        browser.open(page);
      }
      browser.script(
          "return fetch('/vault/files/' + arguments[0]).then(r => r.status);",
          documents.get(1).get("doc_id").asText());
      List<String> keys = cacheKeys(browser);
      assertThat(keys).as("the static assets are cached").isNotEmpty();
      assertThat(keys)
          .as("only static assets")
          .allSatisfy(
              key -> assertThat(key.substring(key.indexOf(' ') + 1)).startsWith(base + "/static/"))
          .noneMatch(
              key ->
                  key.contains(base + "/vault")
                      || key.contains("token")
                      || key.contains("/api/")
                      || key.contains("/ledger"));
      assertThat(keys).anyMatch(key -> key.endsWith("/static/offline.html"));

      // When the server cannot be reached, the offline page says the vault needs a connection
      // (and shows nothing else). A route that drops the connection is the network gone: the
      // service worker's fetch fails exactly as it does offline.
      browser.open("/test/unreachable");
      assertThat(browser.find("main").getText())
          .contains(es ? "Su bóveda necesita conexión" : "Your vault needs an internet connection")
          .doesNotContain("IMG_2041");
      assertThat(browser.find("h1").getText()).isEqualTo(es ? "Sin conexión" : "No connection");
      browser.checkpoint("offline");

      // The quick exit empties the app's caches and removes its worker, as a page or installed.
      browser.open("/ledger");
      // The neutral site is not reached from this machine: blocked, its page fails at once.
      browser.driver().executeCdpCommand("Network.enable", Map.of());
      browser
          .driver()
          .executeCdpCommand(
              "Network.setBlockedURLs", Map.of("urls", List.of("https://www.google.com/*")));
      browser.click("#quick-exit");
      new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
          .ignoring(org.openqa.selenium.WebDriverException.class) // the page is being replaced
          .until(d -> !d.getCurrentUrl().startsWith(base));
      browser.open("/static/offline.html"); // a page that registers no worker
      new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
          .ignoring(org.openqa.selenium.WebDriverException.class) // the page is being replaced
          .until(d -> cacheKeys(browser).isEmpty());
      Object registrations =
          browser
              .driver()
              .executeAsyncScript(
                  "const done = arguments[arguments.length - 1];"
                      + "navigator.serviceWorker.getRegistrations().then(rs => done(rs.length));");
      assertThat(((Number) registrations).intValue()).isZero();
      assertThat(browser.driver().manage().getCookieNamed("semptify_session")).isNull();

      // Delete my vault, with two shares and records in it.
      List<String> links = shareTwiceAndRecord(server, token, documents);
      String userId = VaultDeletionTest.userId(root);
      browser.open("/");
      browser.type("#home-token", token);
      browser.click("form[action='/vault/open'] button[type=submit]");
      browser.waitForPath("/vault");
      browser.click("a[href='/vault/delete']");
      browser.waitForPath("/vault/delete");
      assertThat(browser.find("main").getText())
          .contains(es ? "Esto no se puede deshacer" : "This cannot be undone")
          .contains(es ? "Sus 3 documentos" : "All 3 documents")
          .contains(es ? "Sus 2 enlaces compartidos" : "All 2 share links");
      assertThat(browser.find("main a[href='/vault/export']").isDisplayed()).isTrue();
      browser.checkpoint("delete-confirm");
      browser.fullPage("delete-confirm-full");
      PhoneLayoutTest.assertTapTargets(browser, "/vault/delete");
      PhoneLayoutTest.assertNoSidewaysScroll(browser, "/vault/delete");

      browser.type("#confirm-token", token.substring(0, token.length() - 1) + "x");
      browser.click("form[action='/vault/delete'] button[type=submit]");
      new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
          .ignoring(org.openqa.selenium.WebDriverException.class) // the page is being replaced
          .until(
              d ->
                  !d.findElements(By.cssSelector("main [role=alert]")).isEmpty()
                      && d.findElement(By.cssSelector("main [role=alert]"))
                          .getText()
                          .contains(es ? "No se borró nada" : "Nothing was deleted"));
      browser.checkpoint("delete-wrong-token");
      browser.type("#confirm-token", token);
      browser.click("form[action='/vault/delete'] button[type=submit]");
      String deletedTitle = es ? "Su bóveda fue borrada" : "Your vault was deleted";
      new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
          .ignoring(org.openqa.selenium.WebDriverException.class) // the page is being replaced
          .until(d -> d.findElement(By.tagName("h1")).getText().equals(deletedTitle));
      browser.checkpoint("deleted");

      assertThat(
              server
                  .send(server.request("/api/vault").header("X-User-Token", token).GET().build())
                  .statusCode())
          .as("the token")
          .isEqualTo(401);
      for (JsonNode document : documents) {
        assertThat(
                server
                    .send(
                        server
                            .request("/vault/files/" + document.get("doc_id").asText())
                            .header("X-User-Token", token)
                            .GET()
                            .build())
                    .statusCode())
            .isEqualTo(401);
      }
      for (String link : links) {
        assertThat(server.get(link).statusCode()).as(link).isIn(401, 404);
      }
      browser.open("/vault");
      assertThat(
              browser.driver().findElements(By.cssSelector("#home-token, input[name=user_token]")))
          .as("the session ended: the vault asks for a token")
          .isNotEmpty();
      assertThat(VaultDeletionTest.tracesOf(root, userId))
          .as("nothing of the user remains but the events log")
          .allSatisfy(path -> assertThat(path.toString()).startsWith("logs/events.log"));
    }
  }

  /** Two share links (one document each) and a ledger entry, through the JSON API. */
  private static List<String> shareTwiceAndRecord(
      TestServer server, String token, JsonNode documents) {
    List<String> links = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String body =
          server
              .send(
                  server
                      .request("/vault/shares")
                      .header("X-User-Token", token)
                      .header("Accept", "application/json")
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(
                          java.net.http.HttpRequest.BodyPublishers.ofString(
                              org.semptify.testing.Browser.form(
                                  Map.of(
                                      "label",
                                      "Attorney " + i,
                                      "days",
                                      "7",
                                      "doc_id",
                                      documents.get(i).get("doc_id").asText()))))
                      .build())
              .body();
      String url = VaultUser.json(body).get("url").asText();
      String link = url.substring(url.indexOf("/vault/share/"));
      assertThat(server.get(link).statusCode()).isEqualTo(200);
      links.add(link);
    }
    var ledger =
        server.send(
            server
                .request("/ledger")
                .header("X-User-Token", token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        org.semptify.testing.Browser.form(
                            Map.of("date", "2026-01-01", "type", "rent", "amount", "1250.00"))))
                .build());
    assertThat(ledger.statusCode()).isIn(200, 201);
    return links;
  }
}

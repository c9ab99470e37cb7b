package org.semptify.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semptify.testing.Cli;
import org.semptify.testing.RequiresTool;
import org.semptify.testing.TestServer;

/**
 * The tenant's whole journey in a real browser, in English and in Spanish: register, open the vault
 * with the token, upload with the progress bar, download the same bytes, write and save a witness
 * statement, export the bundle; then an admin (enforced mode) disables the account and the tenant's
 * next page asks for a token. Every page is checked with axe-core and screenshotted.
 */
@RequiresTool(value = BrowserSession.CHROMIUM_PATH, install = "apt-get install chromium")
@RequiresTool(value = BrowserSession.CHROMEDRIVER_PATH, install = "apt-get install chromium-driver")
@RequiresTool(
    value = BrowserSession.AXE_PATH,
    executable = false,
    install = "npm ci --prefix src/test/e2e")
class TenantJourneyTest {
  @TempDir Path root;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en", "es"})
  void theWholeJourney(String language) throws Exception {
    try (TestServer server = TestServer.builder(root).env("SECURITY_MODE", "enforced").start();
        BrowserSession browser =
            new BrowserSession(
                server.uri("/").toString().replaceAll("/$", ""),
                language,
                root.resolve("profile"),
                "journey-" + language)) {
      browser.open("/");
      assertThat(browser.find("html").getAttribute("lang")).isEqualTo(language);
      browser.checkpoint("home");

      browser.click("a.button[href='/register']");
      browser.checkpoint("register");
      browser.click("form[action='/register'] button[type=submit]");
      String token = browser.find("#token").getAttribute("value");
      assertThat(token).matches("smpu_[0-9A-Za-z]{49}");
      browser.checkpoint("token-shown");

      browser.open("/");
      browser.type("#home-token", token);
      browser.click("form[action='/vault/open'] button[type=submit]");
      browser.waitForPath("/vault");
      browser.checkpoint("vault");

      byte[] evidence =
          ("photo of the mould, " + language + " " + System.nanoTime())
              .getBytes(StandardCharsets.UTF_8);
      Path file = root.resolve("evidence-" + language + ".txt");
      Files.write(file, evidence);
      browser.find("#file").sendKeys(file.toString());
      browser.click("#upload-form button[type=submit]");
      browser.waitForPath("/vault");
      new org.openqa.selenium.support.ui.WebDriverWait(
              browser.driver(), java.time.Duration.ofSeconds(20))
          .until(d -> d.getCurrentUrl().contains("new="));
      assertThat(browser.find("tr.highlight").getText()).contains(file.getFileName().toString());
      browser.checkpoint("uploaded");

      String docHref = browser.find("tr.highlight a[href^='/vault/files/']").getAttribute("href");
      byte[] downloaded =
          get(server, java.net.URI.create(docHref).getPath(), browser.cookie("semptify_session"));
      assertThat(downloaded).isEqualTo(evidence);

      browser.open("/resources/witness_statement");
      browser.checkpoint("witness-form");
      browser.type("#f-full_name", "María Núñez");
      browser.type("#f-contact", "maria@example.org");
      browser.type("#f-statement", "The ceiling leaked for three weeks.");
      browser.click("button[formaction='/resources/witness_statement_preview']");
      assertThat(browser.find(".document-preview").getText())
          .contains("The ceiling leaked for three weeks.");
      browser.checkpoint("witness-preview");
      browser.type("#sig-name", "María Núñez");
      browser.click("input[name=sig_consented]");
      browser.click("form[action='/resources/witness_statement_save'] button:not([formaction])");
      browser.waitForPath("/vault");
      assertThat(browser.find("tr.highlight").getText()).contains(".pdf");
      browser.checkpoint("witness-saved");

      byte[] bundle = get(server, "/vault/export", browser.cookie("semptify_session"));
      assertThat(entries(bundle)).contains("SHA256SUMS", "chain.json");

      browser.open("/ledger");
      browser.type("#f-amount", "1250.00");
      browser.click("form[action='/ledger'] button[type=submit]");
      assertThat(browser.find("td.number").getText())
          .isEqualTo(language.equals("es") ? "1.250,00 $" : "$1,250.00");
      browser.checkpoint("ledger");
      browser.open("/logbook");
      browser.checkpoint("logbook");
      browser.open("/contacts");
      browser.checkpoint("contacts");
      browser.open("/certified_post");
      browser.checkpoint("service-of-notice");

      String adminToken = Cli.createAdminToken(root);
      browser.open("/admin");
      browser.checkpoint("admin-login");
      browser.type("#admin-token", adminToken);
      browser.click("form[action='/admin/login'] button[type=submit]");
      browser.waitForPath("/admin");
      browser.checkpoint("admin-dashboard");
      browser.click("form[action^='/admin/users/'][action$='/disable'] button");
      // Done when the dashboard offers to enable the account again.
      browser.find("form[action^='/admin/users/'][action$='/enable'] button");

      browser.open("/vault");
      assertThat(browser.find("#user-token").isDisplayed()).isTrue();
      browser.checkpoint("asked-for-token");
    }
  }

  private static byte[] get(TestServer server, String path, String session)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.uri(path))
                    .header("Cookie", "semptify_session=" + session)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  private static Set<String> entries(byte[] zip) throws IOException {
    Set<String> names = new HashSet<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        names.add(entry.getName());
      }
    }
    return names;
  }
}

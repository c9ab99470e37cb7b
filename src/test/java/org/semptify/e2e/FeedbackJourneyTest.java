package org.semptify.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.semptify.testing.RequiresTool;
import org.semptify.testing.TestServer;

/**
 * Issue 16, as a frightened first-time tenant on a phone meets it, in English and in Spanish: the
 * token is saved into a real file and confirmed before going on, links to send are full addresses
 * with Copy and Share, the token never stays in the address bar, wrong tokens and dead links are
 * announced, and every action answers at the top of the page. Screenshots under {@code
 * target/e2e/feedback-<lang>/}, at 390x844 and 1366x900; every page checked with axe-core.
 */
@RequiresTool(value = BrowserSession.CHROMIUM_PATH, install = "apt-get install chromium")
@RequiresTool(value = BrowserSession.CHROMEDRIVER_PATH, install = "apt-get install chromium-driver")
@RequiresTool(
    value = BrowserSession.AXE_PATH,
    executable = false,
    install = "npm ci --prefix src/test/e2e")
class FeedbackJourneyTest {
  @TempDir Path root;

  private static String text(String language, String english, String spanish) {
    return language.equals("es") ? spanish : english;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en", "es"})
  void feedbackAndSharing(String language) throws Exception {
    Path downloads = Files.createDirectories(root.resolve("downloads"));
    try (TestServer server = TestServer.builder(root).env("SECURITY_MODE", "enforced").start();
        BrowserSession browser =
            new BrowserSession(
                server.uri("/").toString().replaceAll("/$", ""),
                language,
                root.resolve("profile"),
                "feedback-" + language)) {
      String origin = server.uri("").toString();
      browser.viewport(390, 844);
      browser.allowDownloads(downloads);
      browser.allowClipboard();

      // 1. The token page: a real text file, and a confirmation before going on.
      browser.open("/register");
      browser.click("form[action='/register'] button[type=submit]");
      String token = browser.find("#token").getAttribute("value");
      assertThat(token).matches("smpu_[0-9A-Za-z]{49}");
      browser.checkpoint("token-page");
      browser.click("#token-download");
      Path file = BrowserSession.awaitFile(downloads, "semptify-token");
      String saved = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(saved)
          .contains(token)
          .contains(origin + "/vault")
          .contains(text(language, "Saved on: ", "Guardado el: "))
          .contains(text(language, "Anyone with this token", "Cualquiera que tenga este token"));
      // 2. The vault's address is a full one, with Copy turning into "Copied" in the language.
      assertThat(browser.find("#vault-url").getText()).isEqualTo(origin + "/vault");
      browser.click("button[data-copy-target='token']");
      new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
          .until(
              d ->
                  browser
                      .find("button[data-copy-target='token']")
                      .getText()
                      .equals(text(language, "Copied", "Copiado")));
      assertThat(browser.find("main").getText())
          .contains(
              text(
                  language,
                  "If someone else uses this phone, don't bookmark this page.",
                  "Si otra persona usa este teléfono, no guarde esta página en marcadores."));
      // Not before she says she saved it.
      browser.click("#token-saved-form button[type=submit]");
      assertThat(browser.path()).isEqualTo("/register");
      browser.click("#token-saved");
      browser.click("#token-saved-form button[type=submit]");
      browser.waitForPath("/vault");
      browser.checkpoint("vault");

      // 3. Opening the vault with the token in the address leaves only /vault there.
      browser.click("form[action='/vault/logout'] button[type=submit]");
      browser.waitForPath("/");
      browser.open("/vault?user_token=" + token);
      browser.waitForPath("/vault");
      assertThat(browser.url()).isEqualTo(origin + "/vault").doesNotContain(token);
      assertThat(browser.find("h1").getText())
          .isEqualTo(text(language, "Document Vault", "Bóveda de documentos"));

      // 2. A share link is a full address, with Copy.
      browser.type("#share-label", "Legal aid");
      browser.click("form[action='/vault/shares'] button[type=submit]");
      browser.waitForPath("/vault/share");
      // The page answered the form post; its address is /vault/shares.
      String link = browser.find("#share-link").getText();
      assertThat(link).startsWith(origin + "/vault/share/").contains("?grant_token=smps_");
      browser.click("button[data-copy-target='share-link']");
      new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
          .until(
              d ->
                  browser
                      .find("button[data-copy-target='share-link']")
                      .getText()
                      .equals(text(language, "Copied", "Copiado")));
      browser.checkpoint("share-created");
      browser.viewport(1366, 900);
      browser.checkpoint("share-created-desktop");
      browser.viewport(390, 844);
    }
  }
}

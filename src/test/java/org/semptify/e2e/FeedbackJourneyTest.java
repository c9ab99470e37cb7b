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

  private static void awaitFocus(BrowserSession browser, String css) {
    new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d -> browser.focused(css));
  }

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
      new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
          .until(d -> browser.path().equals("/"));
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

      // 5. An upload answers at the top of the page, in view, with the next steps.
      browser.open("/vault");
      Path evidence = root.resolve("mould-photo.txt");
      Files.writeString(evidence, "photo of the mould");
      browser.find("#file").sendKeys(evidence.toString());
      browser.click("#upload-form button[type=submit]");
      new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
          .until(d -> d.getCurrentUrl().contains("new="));
      assertThat(browser.find("#page-status").getAttribute("role")).isEqualTo("status");
      assertThat(browser.find("#page-status").getText())
          .contains(text(language, "Saved: mould-photo.txt.", "Guardado: mould-photo.txt."))
          .contains(text(language, "Share with your attorney", "Compartir con su abogado"));
      assertThat(browser.inView("#page-status")).isTrue();
      browser.checkpoint("uploaded-status");

      // 11. The certificate reads as a page, its JSON one link away.
      String vaultPage = browser.url();
      browser.click("#page-status a[href$='/certificate']");
      assertThat(browser.find("main").getText())
          .contains(
              text(
                  language,
                  "This file, mould-photo.txt, was received on",
                  "Este archivo, mould-photo.txt, se recibió el"));
      assertThat(browser.find("a[href$='format=json']").isDisplayed()).isTrue();
      browser.checkpoint("certificate");
      browser.driver().get(vaultPage);

      // 5. Revoking asks first, then says what happened.
      browser.click("form[action$='/revoke'] button[type=submit]");
      assertThat(browser.driver().switchTo().alert().getText())
          .contains(text(language, "Turn off the link for Legal aid?", "¿Desactivar el enlace"));
      browser.driver().switchTo().alert().accept();
      new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
          .until(d -> !d.findElements(org.openqa.selenium.By.id("page-status")).isEmpty());
      assertThat(browser.find("#page-status").getText())
          .contains(
              text(
                  language,
                  "The link for Legal aid is turned off.",
                  "El enlace para Legal aid está desactivado."));
      assertThat(browser.inView("#page-status")).isTrue();
      browser.checkpoint("revoked-status");

      // 4. The dead link says so, announced and focused; not the tenant's sign-in form.
      browser.open(link.substring(origin.length()));
      assertThat(browser.find("#page-alert").getAttribute("role")).isEqualTo("alert");
      assertThat(browser.find("#page-alert").getText())
          .isEqualTo(
              text(
                  language,
                  "This link was turned off or has expired. Ask the person who sent it for a new one.",
                  "Este enlace se desactivó o venció. Pida uno nuevo a la persona que se lo envió."));
      awaitFocus(browser, "#page-alert");
      assertThat(browser.driver().findElements(org.openqa.selenium.By.id("user-token"))).isEmpty();
      browser.checkpoint("dead-link");

      // 6. An empty witness statement: every problem at the top, linked, focused.
      browser.open("/resources/witness_statement");
      browser.click("form[action='/resources/witness_statement_save'] button:not([formaction])");
      browser.find(".error-summary");
      awaitFocus(browser, "#form-message");
      assertThat(browser.inView("#form-message")).isTrue();
      assertThat(
              browser.driver().findElements(org.openqa.selenium.By.cssSelector(".error-summary a")))
          .hasSizeGreaterThanOrEqualTo(3);
      browser.find(".error-summary a[href='#sig-name']");
      browser.checkpoint("witness-errors");
      browser.type("#f-full_name", "María Núñez");
      browser.type("#f-contact", "maria@example.org");
      browser.type("#f-statement", "The ceiling leaked for three weeks.");
      browser.click("form[action='/resources/witness_statement_save'] button[formaction]");
      browser.find(".document-preview");
      assertThat(browser.find(".document-preview").getText())
          .contains(text(language, "[your typed name]", "[su nombre escrito]"));

      // 6. The ledger's error is in view without scrolling.
      browser.open("/ledger");
      browser.type("#f-amount", "abc");
      browser.click("form[action='/ledger'] button[type=submit]");
      browser.find("#form-message");
      assertThat(browser.inView("#form-message")).isTrue();
      awaitFocus(browser, "#form-message");
      browser.find("#form-message a[href='#f-amount']");
      browser.checkpoint("ledger-error");
      browser.type("#f-amount", "1250.00");
      browser.click("form[action='/ledger'] button[type=submit]");
      browser.find("#page-status");
      browser.open("/records/audit");
      assertThat(browser.find("main").getText())
          .contains(
              text(
                  language,
                  "You added a ledger entry:",
                  "Agregó una entrada al registro de renta:"))
          .contains("$1,250.00");
      browser.checkpoint("audit");

      // 4. A wrong tenant token is announced and focused.
      browser.open("/vault");
      browser.click("form[action='/vault/logout'] button[type=submit]");
      new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
          .until(d -> browser.path().equals("/"));
      browser.checkpoint("home");
      browser.type("#home-token", "smpu_typo");
      browser.click("form[action='/vault/open'] button[type=submit]");
      browser.find("#page-alert");
      assertThat(browser.find("#page-alert").getText())
          .isEqualTo(
              text(
                  language,
                  "That token didn't open a vault. Check for typos; it starts with smpu_.",
                  "Ese token no abrió ninguna bóveda. Revise si hay errores de escritura; empieza"
                      + " con smpu_."));
      awaitFocus(browser, "#page-alert");
      browser.checkpoint("wrong-token");

      // 4. So is a wrong admin token.
      browser.open("/admin");
      browser.type("#admin-token", "smpa_typo");
      browser.click("form[action='/admin/login'] button[type=submit]");
      browser.find("#page-alert");
      assertThat(browser.find("#page-alert").getText())
          .startsWith(
              text(language, "That token didn't open the admin pages.", "Ese token no abrió"));
      awaitFocus(browser, "#page-alert");
      browser.checkpoint("wrong-admin-token");
    }
  }
}

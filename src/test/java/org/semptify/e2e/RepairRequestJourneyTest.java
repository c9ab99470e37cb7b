package org.semptify.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.semptify.testing.RequiresTool;
import org.semptify.testing.TestServer;

/**
 * The repair-request letter on a phone (issue 17), in English and Spanish: the form, its preview
 * with the chosen photo as an exhibit, saving, and the two next steps it offers — recording the
 * letter as sent (the service-of-notice page, pre-filled) and adding its deadline to the logbook.
 */
@RequiresTool(value = BrowserSession.CHROMIUM_PATH, install = "apt-get install chromium")
@RequiresTool(value = BrowserSession.CHROMEDRIVER_PATH, install = "apt-get install chromium-driver")
@RequiresTool(
    value = BrowserSession.AXE_PATH,
    executable = false,
    install = "npm ci --prefix src/test/e2e")
class RepairRequestJourneyTest {
  @TempDir Path root;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en", "es"})
  void aTenantWritesARepairRequestAndIsOfferedTheNextSteps(String language) throws Exception {
    boolean es = language.equals("es");
    try (TestServer server = TestServer.start(root);
        BrowserSession browser =
            new BrowserSession(
                server.uri("/").toString().replaceAll("/$", ""),
                language,
                root.resolve("profile"),
                "i17-repair-" + language)) {
      browser.resize(390, 844);
      browser.open("/");
      browser.click("a.button[href='/register']");
      browser.click("form[action='/register'] button[type=submit]");
      String token = browser.find("#token").getAttribute("value");
      browser.open("/");
      browser.type("#home-token", token);
      browser.click("form[action='/vault/open'] button[type=submit]");
      browser.waitForPath("/vault");

      Path photo = root.resolve("ceiling.jpg");
      Files.write(
          photo,
          org.semptify.documents.E2eSamples.photo(es ? "Techo del baño" : "Bathroom ceiling"));
      new Select(browser.find("#category")).selectByValue("photo");
      browser.find("#file").sendKeys(photo.toString());
      browser.click("#upload-form button[type=submit]");
      new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
          .until(d -> d.getCurrentUrl().contains("new="));

      browser.open("/know-your-rights");
      browser.click("a[href='/resources/repair_request']");
      browser.waitForPath("/resources/repair_request");
      assertThat(browser.find("#f-deadline_days").getAttribute("value")).isEqualTo("14");
      browser.checkpoint("form");
      browser.type("#f-landlord_name", "Acme Rentals");
      browser.type("#f-landlord_address", "1 Main Street\nSpringfield, IL 62701");
      browser.type("#f-tenant_name", "María Núñez");
      browser.type("#f-tenant_address", "12 Elm Street, Apt 3\nSpringfield, IL 62704");
      browser.script("document.getElementById('f-date').value = '2026-11-30';");
      browser.type(
          "#f-problems",
          es
              ? "El techo del baño gotea desde el 2 de octubre.\n\nLa calefacción no funciona."
              : "The bathroom ceiling leaks since October 2.\n\nThe heater does not work.");
      browser.click("#f-photos input[type=checkbox]");
      browser.click("button[formaction='/resources/repair_request_preview']");
      assertThat(browser.find(".document-preview").getText())
          .contains(es ? "30 de noviembre de 2026" : "November 30, 2026")
          .contains(es ? "14 de diciembre de 2026" : "December 14, 2026")
          .contains(es ? "Anexo A" : "Exhibit A")
          .contains("ceiling.jpg");
      browser.fullPage("preview");
      browser.type("#sig-name", "María Núñez");
      browser.click("input[name=sig_consented]");
      browser.click("form[action='/resources/repair_request_save'] button:not([formaction])");
      browser.waitForPath("/vault");
      String served = browser.find("a[href^='/certified_post?related_doc_id=']").getText();
      assertThat(served)
          .isEqualTo(es ? "Anote cuándo y cómo la envió" : "Record when and how you sent it");
      browser.checkpoint("saved-next-steps");
      String deadline = browser.find("a[href^='/logbook?type=deadline']").getAttribute("href");

      browser.click("a[href^='/certified_post?related_doc_id=']");
      browser.waitForPath("/certified_post");
      String chosen =
          new Select(browser.find("#f-related_doc_id")).getFirstSelectedOption().getText();
      assertThat(chosen).startsWith("repair-request-2026-11-30").endsWith(".pdf");
      browser.checkpoint("record-as-sent");

      browser.driver().get(deadline);
      browser.waitForPath("/logbook");
      assertThat(browser.find("#f-date").getAttribute("value")).isEqualTo("2026-12-14");
      assertThat(new Select(browser.find("#f-type")).getFirstSelectedOption().getAttribute("value"))
          .isEqualTo("deadline");
      assertThat(browser.find("#f-title").getAttribute("value"))
          .isEqualTo(
              es
                  ? "Plazo de reparaciones (carta del 30 de noviembre de 2026)"
                  : "Repair deadline (letter of November 30, 2026)");
      browser.checkpoint("deadline-prefilled");
      assertThat(browser.driver().findElements(By.cssSelector("table.cards"))).isNotEmpty();

      browser.resize(1366, 900);
      browser.open("/resources/repair_request");
      browser.checkpoint("form-desktop");
    }
  }
}

package org.semptify.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.semptify.testing.RequiresTool;
import org.semptify.testing.TestServer;

/**
 * Every tenant page in Chromium at 390×844 and 1366×900, in English and Spanish (issue 16, items
 * 7-10 and 13-15): nothing scrolls sideways, numbers and dates stay on one line, lists are cards on
 * a phone and tables on a desktop, the quick exit stays in view when scrolled and answers Escape,
 * the safety tip shows on the first page, tap targets are at least 44 px, the mode banner is for
 * operators, and a Spanish page holds none of the app's English vocabulary.
 */
@RequiresTool(value = BrowserSession.CHROMIUM_PATH, install = "apt-get install chromium")
@RequiresTool(value = BrowserSession.CHROMEDRIVER_PATH, install = "apt-get install chromium-driver")
@RequiresTool(
    value = BrowserSession.AXE_PATH,
    executable = false,
    install = "npm ci --prefix src/test/e2e")
class PhoneLayoutTest {
  /** The app's own English words: none of them may show on a Spanish page. */
  static final List<String> ENGLISH =
      List.of(
          "rent",
          "fee",
          "payment",
          "credit",
          "meeting",
          "maintenance",
          "deadline",
          "communication",
          "court",
          "other",
          "landlord",
          "property manager",
          "attorney",
          "witness",
          "photo",
          "notice",
          "receipt",
          "recording",
          "witness_statement",
          "rent_ledger_statement",
          "saved",
          "Copied",
          "yes",
          "ready",
          "ok",
          "FAILED",
          "SECURITY MODE",
          "ENFORCED",
          "Upload",
          "Download",
          "Delete",
          "Edit",
          "Revoke",
          "Sign out",
          "Quick exit",
          "Documents",
          "Records",
          "Help",
          "More",
          "Received",
          "Size",
          "Balance",
          "Amount",
          "Date",
          "Certificate",
          "Contacts",
          "Logbook",
          "bytes used",
          "submitted",
          "accepted",
          "Declaration",
          "Total",
          "Add");

  private static final String[] PAGES = {
    "/",
    "/vault",
    "/ledger",
    "/logbook",
    "/contacts",
    "/resources",
    "/resources/witness_statement",
    "/know-your-rights",
    "/certified_post",
    "/court_clerk",
    "/notary",
    "/vault/certificates",
    "/records/audit"
  };

  @TempDir Path root;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en", "es"})
  void everyPageWorksOnAPhone(String language) throws Exception {
    boolean es = language.equals("es");
    try (TestServer server = TestServer.builder(root).env("SECURITY_MODE", "enforced").start();
        BrowserSession browser =
            new BrowserSession(
                server.uri("/").toString().replaceAll("/$", ""),
                language,
                root.resolve("profile"),
                "phone-" + language)) {
      browser.resize(390, 844);
      browser.open("/");
      // Item 8: the safety tip on the first page, with a link to clearing the history.
      assertThat(browser.find("#safety-tip a").getAttribute("href"))
          .endsWith("/know-your-rights#clear-history");
      browser.checkpoint("home-first-visit");
      browser.open("/");
      assertThat(browser.driver().findElements(org.openqa.selenium.By.id("safety-tip"))).isEmpty();

      browser.click("a.button[href='/register']");
      browser.click("form[action='/register'] button[type=submit]");
      String token = browser.find("#token").getAttribute("value");
      browser.open("/");
      browser.type("#home-token", token);
      browser.click("form[action='/vault/open'] button[type=submit]");
      browser.waitForPath("/vault");

      // Item 9: empty states invite the first action.
      assertThat(browser.find(".empty-state").getText()).isNotBlank();
      browser.checkpoint("vault-empty");
      browser.open("/ledger");
      assertThat(browser.find(".empty-state a.button").getAttribute("href")).endsWith("#f-amount");
      assertThat(browser.driver().findElements(org.openqa.selenium.By.cssSelector("svg.chart")))
          .isEmpty();
      browser.checkpoint("ledger-empty");

      // Some of everything, so that every list has a card.
      // A phone's own file name: long, without a space to break at.
      Path file =
          root.resolve(
              (es ? "foto-moho" : "mould-photo")
                  + "_IMG_20261130_bathroom_ceiling_after_three_requests_to_the_landlord.txt");
      Files.write(file, new byte[349_184]);
      browser.open("/vault");
      new Select(browser.find("#category")).selectByValue("photo");
      browser.find("#file").sendKeys(file.toString());
      browser.click("#upload-form button[type=submit]");
      new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
          .until(d -> d.getCurrentUrl().contains("new="));
      assertThat(browser.find("tr.highlight").getText())
          .contains("341 KB")
          .contains(es ? "Foto" : "Photo");
      assertNoSidewaysScroll(browser, "/vault after an upload with a long file name");
      browser.find("tr.highlight a[href$='/certificate']").click();
      assertNoSidewaysScroll(browser, "its certificate");

      browser.open("/ledger");
      browser.type("#f-date", "");
      browser.script("document.getElementById('f-date').value = '2026-11-02';");
      browser.type("#f-amount", es ? "1.250,50" : "$1,250.50");
      browser.type("#f-note", es ? "Renta de noviembre" : "November rent");
      browser.click("form[action='/ledger'] button[type=submit]");
      // Item 14: the amount as the page's language writes it.
      assertThat(browser.find("td.number").getText()).isEqualTo(es ? "1.250,50 $" : "$1,250.50");
      // Item 7: the date in the page's language.
      assertThat(browser.find("td.card-title time").getText())
          .isEqualTo(es ? "2 nov 2026" : "Nov 2, 2026");
      // Item 9: the chart has labelled axes and a text alternative in words.
      assertThat(browser.find("svg.chart").getText())
          .contains(es ? "Saldo adeudado" : "Balance owed")
          .contains(es ? "Fecha" : "Date");
      assertThat(browser.find("figure figcaption").getText())
          .contains(es ? "2 nov 2026: 1.250,50 $" : "Nov 2, 2026: $1,250.50");

      browser.open("/logbook");
      browser.script("document.getElementById('f-date').value = '2026-11-02';");
      browser.type("#f-title", es ? "Audiencia en el juzgado" : "Hearing");
      new Select(browser.find("#f-type")).selectByValue("court");
      browser.click("form[action='/logbook'] button[type=submit]");
      browser.find("table.cards");

      browser.open("/contacts");
      browser.type("#f-name", es ? "Sra. Gómez" : "Ms. Gomez");
      new Select(browser.find("#f-role")).selectByValue("landlord");
      browser.type("#f-phone", "+1 612 555 0199");
      browser.click("form[action='/contacts'] button[type=submit]");
      browser.find("table.cards");

      browser.open("/vault");
      browser.type("#share-label", es ? "Abogada Ruiz" : "Attorney Ruiz");
      browser.click("form[action='/vault/shares'] button[type=submit]");
      String link = browser.find("#share-link").getText().strip();
      browser.checkpoint("share-created");

      for (String page : PAGES) {
        browser.open(page);
        checkPhonePage(browser, page, es);
      }
      browser.open(
          link.startsWith("/")
              ? link
              : java.net.URI.create(link).getRawPath()
                  + "?"
                  + java.net.URI.create(link).getRawQuery());
      checkPhonePage(browser, "share-view", es);

      // Item 7: on a desktop the lists are tables again, wider than the old 768 px.
      browser.resize(1366, 900);
      for (String page : new String[] {"/vault", "/ledger", "/contacts"}) {
        browser.open(page);
        assertThat(
                browser.script(
                    "return getComputedStyle(document.querySelector('table.cards')).display"))
            .as(page)
            .isEqualTo("table");
        assertThat(
                ((Number)
                        browser.script(
                            "return document.querySelector('main').getBoundingClientRect().width"))
                    .doubleValue())
            .as(page)
            .isGreaterThan(768);
        assertNoSidewaysScroll(browser, page);
        assertNumbersOnOneLine(browser, page);
        browser.checkpoint("desktop" + page.replace('/', '-'));
      }
      browser.resize(390, 844);

      // Item 10: the mode banner is for operators.
      browser.open("/vault");
      assertThat(browser.driver().findElements(org.openqa.selenium.By.cssSelector(".mode-banner")))
          .isEmpty();

      // Item 8: Escape leaves at once and ends the session.
      browser.open("/ledger");
      browser.find("body").sendKeys(Keys.ESCAPE);
      new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
          .until(d -> !d.getCurrentUrl().startsWith(server.uri("/").toString()));
      browser.open("/vault");
      assertThat(browser.find("#user-token").isDisplayed()).isTrue();
    }
  }

  private static void checkPhonePage(BrowserSession browser, String page, boolean es) {
    String label = page.equals("/") ? "home" : page.substring(page.lastIndexOf('/') + 1);
    browser.checkpoint("phone-" + label);
    browser.fullPage("phone-full-" + label);
    assertNoSidewaysScroll(browser, page);
    assertNumbersOnOneLine(browser, page);
    assertTapTargets(browser, page);
    assertQuickExitInViewWhenScrolled(browser, page);
    // The audit trail in words is issue 16 item 11 (done on another branch): its raw change list
    // still shows stored field values, so it is left out of the vocabulary check until then.
    if (es && !page.equals("/records/audit")) {
      assertNoEnglish(browser, page);
    }
  }

  static void assertNoSidewaysScroll(BrowserSession browser, String page) {
    Object overflow =
        browser.script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(((Number) overflow).intValue())
        .as(page + " scrolls sideways by")
        .isLessThanOrEqualTo(0);
  }

  /** Amounts, dates, sizes and buttons: each on a single line. */
  @SuppressWarnings("unchecked")
  static void assertNumbersOnOneLine(BrowserSession browser, String page) {
    List<String> broken =
        (List<String>)
            browser.script(
                "const out = [];"
                    + "document.querySelectorAll('td.number, dd.number, time, .nowrap, button, .button').forEach(e => {"
                    + "  if (!e.offsetParent) return;"
                    + "  const lh = parseFloat(getComputedStyle(e).lineHeight) || 24;"
                    + "  const text = e.tagName === 'TD' ? e.lastChild : e;"
                    + "  const r = document.createRange(); r.selectNodeContents(e);"
                    + "  const lines = new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top)));"
                    + "  if (e.matches('time, td.number, dd.number, .nowrap') && lines.size > 1) out.push(e.outerHTML);"
                    + "  if (e.matches('button, .button') && /\\S{6,}/.test(e.textContent)) {"
                    + "    e.textContent.trim().split(/\\s+/).forEach(w => {"
                    + "      const span = document.createElement('span'); span.textContent = w; span.style.whiteSpace = 'nowrap';"
                    + "      document.body.appendChild(span); const need = span.getBoundingClientRect().width; span.remove();"
                    + "      if (need > e.getBoundingClientRect().width) out.push(e.outerHTML);"
                    + "    });"
                    + "  }"
                    + "});"
                    + "return out;");
    assertThat(broken).as(page + ": numbers, dates or buttons broken across lines").isEmpty();
  }

  /** Buttons, navigation, form controls and card actions: at least 44 by 44 px. */
  @SuppressWarnings("unchecked")
  static void assertTapTargets(BrowserSession browser, String page) {
    List<String> small =
        (List<String>)
            browser.script(
                "const out = [];"
                    + "document.querySelectorAll('button, .button, .site-nav a, .nav-more summary, .records-nav a, td.actions a, select,"
                    + " input:not([type=hidden]), .quick-exit, .language-switcher a').forEach(e => {"
                    + "  if (!e.offsetParent && getComputedStyle(e).position !== 'fixed') return;"
                    + "  let box = e;"
                    + "  if (e.type === 'checkbox' || e.type === 'radio') box = e.closest('label') || e;"
                    + "  const r = box.getBoundingClientRect();"
                    + "  if (r.width < 44 - 0.5 || r.height < 44 - 0.5) out.push(Math.round(r.width) + 'x' + Math.round(r.height) + ' ' + e.outerHTML.slice(0, 120));"
                    + "});"
                    + "return out;");
    assertThat(small).as(page + ": tap targets under 44 px").isEmpty();
  }

  static void assertQuickExitInViewWhenScrolled(BrowserSession browser, String page) {
    for (String where :
        new String[] {"document.body.scrollHeight / 2", "document.body.scrollHeight"}) {
      browser.script("window.scrollTo(0, " + where + ");");
      Object inView =
          browser.script(
              "const r = document.getElementById('quick-exit').getBoundingClientRect();"
                  + "return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth"
                  + " && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2).id === 'quick-exit';");
      assertThat(inView).as(page + ": quick exit in view at " + where).isEqualTo(true);
    }
    browser.script("window.scrollTo(0, 0);");
  }

  /** The visible text, without what is marked as another language (the language switcher). */
  static void assertNoEnglish(BrowserSession browser, String page) {
    String text =
        (String)
            browser.script(
                "const copy = document.body.cloneNode(true);"
                    + "copy.querySelectorAll('[lang]:not([lang=es]), script, style').forEach(e => e.remove());"
                    + "copy.querySelectorAll('.nav-more ul').forEach(e => e.removeAttribute('hidden'));"
                    + "const values = Array.from(document.querySelectorAll('option, input[type=submit], button'))"
                    + ".map(e => e.textContent || e.value).join(' ');"
                    + "return copy.textContent + ' ' + values + ' '"
                    + " + Array.from(document.querySelectorAll('[title], [aria-label], [placeholder], [data-label]'))"
                    + ".map(e => [e.title, e.getAttribute('aria-label'), e.placeholder, e.getAttribute('data-label')].join(' ')).join(' ');");
    for (String word : ENGLISH) {
      Matcher found =
          Pattern.compile(
                  "(?<![\\p{L}_])" + Pattern.quote(word) + "(?![\\p{L}_])",
                  Pattern.CASE_INSENSITIVE)
              .matcher(text);
      if (found.find()) {
        int from = Math.max(0, found.start() - 60);
        throw new AssertionError(
            page
                + " shows the English word \""
                + word
                + "\" in Spanish: …"
                + text.substring(from, Math.min(text.length(), found.end() + 60))
                    .replaceAll("\\s+", " ")
                + "…");
      }
    }
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}

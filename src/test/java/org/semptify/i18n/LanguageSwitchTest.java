package org.semptify.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.TestServer;

/** Pages in the visitor's language, and a switcher that remembers the choice. */
class LanguageSwitchTest {
  @TempDir Path root;

  @Test
  void aSpanishBrowserGetsSpanishPages() {
    try (TestServer server = TestServer.start(root)) {
      HttpResponse<String> home =
          server.send(
              server
                  .request("/")
                  .header("Accept", "text/html")
                  .header("Accept-Language", "es-MX,es;q=0.9")
                  .GET()
                  .build());
      assertThat(home.body())
          .contains("<html lang=\"es\">")
          .contains("Crear mi bóveda")
          .contains("Salida rápida")
          .doesNotContain("Create my vault");
      assertThat(server.getHtml("/").body())
          .contains("<html lang=\"en\">")
          .contains("Create my vault");
    }
  }

  @Test
  void theSwitcherRemembersTheChoiceAndOnlyReturnsToLocalPages() {
    try (TestServer server = TestServer.start(root)) {
      Browser browser = server.browser();
      assertThat(browser.get("/register").body())
          .contains("href=\"/language?lang=es&amp;next=%2Fregister\"");
      HttpResponse<String> switched = browser.get("/language?lang=es&next=/register");
      assertThat(switched.statusCode()).isEqualTo(303);
      assertThat(switched.headers().firstValue("Location")).hasValue("/register");
      assertThat(switched.headers().firstValue("Set-Cookie").orElseThrow())
          .startsWith("semptify_lang=es;")
          .contains("HttpOnly")
          .contains("SameSite=Lax");
      assertThat(browser.get("/register").body())
          .contains("Crear su bóveda")
          .contains("<html lang=\"es\">");
      assertThat(browser.get("/resources").body()).contains("Herramientas");

      for (String next :
          new String[] {"//evil.example/", "https://evil.example/", "/\\\\evil.example"}) {
        HttpResponse<String> away =
            browser.get(
                "/language?lang=en&next="
                    + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(away.headers().firstValue("Location")).as(next).hasValue("/");
      }
      assertThat(browser.get("/language?lang=klingon").statusCode()).isEqualTo(400);
      assertThat(browser.get("/no-such-page").body()).contains("404: not found");
      browser.get("/language?lang=es&next=/");
      assertThat(browser.get("/no-such-page").body()).contains("404: no encontrado");
      org.semptify.testing.VaultUser user = org.semptify.testing.VaultUser.register(server);
      browser.post(
          "/vault/open",
          java.util.Map.of("user_token", user.token(), "csrf_token", browser.csrfToken("/")));
      HttpResponse<String> refused =
          browser.submit("/contacts", "/contacts", java.util.Map.of("name", ""));
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body())
          .contains("El nombre es obligatorio")
          .contains("Agregar un contacto");
    }
  }

  @Test
  void messagesWithNumbersAreTranslatedOnPagesAndJsonKeepsItsEnglish() {
    try (TestServer server = TestServer.start(root)) {
      org.semptify.testing.VaultUser user = org.semptify.testing.VaultUser.register(server);
      String longName = "N".repeat(201);
      // A program in a Spanish locale: the API's English text, for the answer and each field.
      HttpResponse<String> json =
          server.send(
              server
                  .request("/contacts")
                  .header("X-User-Token", user.token())
                  .header("Accept", "application/json")
                  .header("Accept-Language", "es")
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      java.net.http.HttpRequest.BodyPublishers.ofString(
                          Browser.form(java.util.Map.of("name", longName, "email", "nope"))))
                  .build());
      assertThat(json.statusCode()).isEqualTo(400);
      com.fasterxml.jackson.databind.JsonNode body =
          org.semptify.testing.VaultUser.json(json.body());
      assertThat(body.path("error").asText()).isEqualTo("Keep this under 200 characters.");
      assertThat(body.path("fields").path("name").asText())
          .isEqualTo("Keep this under 200 characters.");
      assertThat(body.path("fields").path("email").asText())
          .isEqualTo("Enter an email address like name@example.org, or leave it empty.");

      // The same mistake in a Spanish page: Spanish beside the field, the number filled in.
      Browser browser = server.browser();
      browser.get("/language?lang=es&next=/");
      browser.post(
          "/vault/open",
          java.util.Map.of("user_token", user.token(), "csrf_token", browser.csrfToken("/")));
      HttpResponse<String> page =
          browser.submit("/contacts", "/contacts", java.util.Map.of("name", longName));
      assertThat(page.statusCode()).isEqualTo(400);
      assertThat(page.body())
          .contains("Escriba menos de 200 caracteres.")
          .doesNotContain("Keep this under")
          .contains("value=\"" + longName + "\"");
    }
  }

  @Test
  void theSwitcherNeverRedirectsAwayWhateverNextSays() {
    try (TestServer server = TestServer.start(root)) {
      for (String next :
          new String[] {
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "\t//evil.example",
            "///evil.example",
            "/\\/evil.example",
            "https:evil.example",
            "javascript:alert(1)",
            "/\u00a0/evil.example",
            "/\u0000/evil.example",
            "evil.example",
            ""
          }) {
        HttpResponse<String> away =
            server.get(
                "/language?lang=en&next="
                    + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(away.statusCode()).isEqualTo(303);
        assertThat(away.headers().firstValue("Location")).as(next).hasValue("/");
      }
      HttpResponse<String> raw = server.get("/language?lang=en&next=/%09/evil.example");
      assertThat(raw.headers().firstValue("Location")).hasValue("/");
      HttpResponse<String> local = server.get("/language?lang=en&next=%2Fvault%3Fnew%3Dabc");
      assertThat(local.headers().firstValue("Location")).hasValue("/vault?new=abc");
    }
  }

  @Test
  void switchingLanguageNeverLosesAOneTimeTokenOrAShareLinksAccess() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      // The one-time token page answers a form: no address shows it again, so no switcher there.
      Browser browser = server.browser();
      HttpResponse<String> registered =
          browser.submit("/register", "/register", java.util.Map.of());
      assertThat(registered.body())
          .contains("smpu_")
          .contains("You can change the language on the next page")
          .doesNotContain("/language?lang=");

      // A share view keeps its grant through the switch, so the link keeps working.
      org.semptify.testing.VaultUser user = org.semptify.testing.VaultUser.register(server);
      user.uploadFile("notice.txt", "notice".getBytes());
      HttpResponse<String> created =
          server.send(
              server
                  .request("/vault/shares")
                  .header("X-User-Token", user.token())
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString("label=Attorney&days=7"))
                  .build());
      String url = org.semptify.testing.VaultUser.json(created.body()).get("url").asText();
      Browser attorney = server.browser();
      // The link's grant moves into the attorney's browser: the address and the page carry none.
      HttpResponse<String> opened = attorney.get(url);
      assertThat(opened.statusCode()).isEqualTo(303);
      String clean = opened.headers().firstValue("Location").orElseThrow();
      assertThat(clean).startsWith("/vault/share/s_").doesNotContain("grant_token");
      String view = attorney.follow(opened).body();
      assertThat(view).contains("notice.txt").doesNotContain("grant_token").doesNotContain("smps_");
      java.util.regex.Matcher download =
          java.util.regex.Pattern.compile("href=\"(/vault/share/[^\"]+/files/d_[a-z0-9]+)\"")
              .matcher(view);
      assertThat(download.find()).isTrue();
      assertThat(attorney.get(download.group(1)).body()).isEqualTo("notice");
      assertThat(server.browser().get(download.group(1)).statusCode())
          .as("another browser, without the grant")
          .isEqualTo(401);
      java.util.regex.Matcher spanish =
          java.util.regex.Pattern.compile("href=\"(/language\\?lang=es[^\"]+)\"").matcher(view);
      assertThat(spanish.find()).isTrue();
      String link = spanish.group(1).replace("&amp;", "&");
      HttpResponse<String> switched = attorney.follow(attorney.get(link));
      assertThat(switched.statusCode()).isEqualTo(200);
      assertThat(switched.body()).contains("notice.txt").contains("lang=\"es\"");
    }
  }
}

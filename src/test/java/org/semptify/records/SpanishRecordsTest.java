package org.semptify.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/**
 * Spanish pages show stored enumerations translated, accept and show amounts the Spanish way, and
 * name the unsworn declaration correctly; the security mode is operator vocabulary (issue 16, items
 * 10, 13, 14, 15).
 */
class SpanishRecordsTest {
  @TempDir Path root;

  private static Browser spanish(TestServer server, VaultUser user) {
    Browser browser = server.browser();
    browser.get("/language?lang=es&next=/");
    browser.post(
        "/vault/open", Map.of("user_token", user.token(), "csrf_token", browser.csrfToken("/")));
    return browser;
  }

  @Test
  void aSpanishAmountIsAcceptedAndShownTheSpanishWay() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      Browser browser = spanish(server, user);
      String form = browser.get("/ledger").body();
      assertThat(form).contains("1.250,50");
      HttpResponse<String> added =
          browser.submit(
              "/ledger",
              "/ledger",
              Map.of("date", "2026-11-02", "type", "rent", "amount", "1.250,50", "note", ""));
      assertThat(added.statusCode()).isEqualTo(303);
      String page = browser.get("/ledger").body();
      assertThat(page)
          .contains("1.250,50 $")
          .contains("2 nov 2026")
          .contains(">Renta<")
          .doesNotContain(">rent<");
      // The API keeps reading amounts the English way only.
      RecordsClient api = new RecordsClient(server, user);
      assertThat(
              api.post(
                      "/ledger", Map.of("date", "2026-11-02", "type", "rent", "amount", "1.250,50"))
                  .statusCode())
          .isEqualTo(400);
      assertThat(
              api.created(
                      "/ledger", Map.of("date", "2026-11-02", "type", "fee", "amount", "$1,250.50"))
                  .path("amount")
                  .asText())
          .isEqualTo("1250.50");
    }
  }

  @Test
  void storedEnumerationsAreShownInSpanish() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      RecordsClient api = new RecordsClient(server, user);
      api.created("/contacts", Map.of("name", "Sr. López", "role", "property manager"));
      api.created(
          "/logbook", Map.of("date", "2026-11-02", "title", "Visita", "type", "maintenance"));
      Browser browser = spanish(server, user);
      assertThat(browser.get("/contacts").body())
          .contains(">Administrador de la propiedad<")
          .doesNotContain(">property manager<")
          .doesNotContain(">landlord<");
      assertThat(browser.get("/logbook").body())
          .contains(">Mantenimiento o reparación<")
          .doesNotContain(">maintenance<");
      assertThat(browser.get("/resources").body()).contains("Declaración de testigo (en blanco");
      assertThat(browser.get("/resources/download/witness_statement.txt").body())
          .contains("Declaración no jurada bajo pena de perjurio");
    }
  }

  @Test
  void theSpanishWitnessStatementIsAnUnswornDeclarationThroughout() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      Browser browser = spanish(server, user);
      assertThat(browser.get("/resources/witness_statement").body())
          .contains("declaración no jurada bajo pena de perjurio");
      String preview =
          browser
              .submit(
                  "/resources/witness_statement",
                  "/resources/witness_statement_preview",
                  Map.of(
                      "full_name",
                      "María",
                      "contact",
                      "m@example.org",
                      "statement",
                      "Goteras.",
                      "date",
                      "2026-11-02"))
              .body();
      assertThat(preview)
          .contains("Declaración no jurada bajo pena de perjurio")
          .doesNotContain("Declaración jurada");
    }
  }

  @Test
  void theSecurityModeIsShownToOperatorsNotTenantsWhileEnforced() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      Browser browser = server.browser();
      browser.post(
          "/vault/open", Map.of("user_token", user.token(), "csrf_token", browser.csrfToken("/")));
      for (String path : new String[] {"/", "/vault", "/ledger", "/resources"}) {
        assertThat(browser.get(path).body()).as(path).doesNotContain("SECURITY MODE");
      }
      assertThat(server.getHtml("/admin").body()).contains("SECURITY MODE: ENFORCED");
    }
    try (TestServer server = TestServer.builder(root).env("SECURITY_MODE", "open").start()) {
      Browser browser = server.browser();
      browser.get("/language?lang=es&next=/");
      assertThat(browser.get("/").body()).contains("MODO DE SEGURIDAD: ABIERTO");
    }
  }

  @Test
  void theHashAttestationPageSaysWhatItIsInSpanish() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      Browser browser = spanish(server, user);
      assertThat(browser.get("/notary").body())
          .contains("no una certificación notarial")
          .doesNotContain("not a legal notarization");
      assertThat(browser.get("/vault").body())
          .contains("data-failed=\"La subida falló")
          .doesNotContain("The upload failed");
    }
  }
}

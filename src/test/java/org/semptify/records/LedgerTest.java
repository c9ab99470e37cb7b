package org.semptify.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** The rent ledger: exact money, totals, running balance, edits in the audit trail, exports. */
class LedgerTest {
  @TempDir Path root;

  private static Map<String, String> entry(String date, String type, String amount, String note) {
    return Map.of("date", date, "type", type, "amount", amount, "note", note);
  }

  @Test
  void totalsAndRunningBalanceAreExactToTheCent() {
    try (TestServer server = TestServer.start(root)) {
      RecordsClient client = new RecordsClient(server, VaultUser.register(server));
      client.created("/ledger", entry("2026-02-01", "rent", "1200.00", "February"));
      client.created("/ledger", entry("2026-01-01", "rent", "$1,200", "January"));
      client.created("/ledger", entry("2026-01-03", "payment", "1199.90", ""));
      client.created("/ledger", entry("2026-01-15", "fee", "0.1", "late fee"));
      client.created("/ledger", entry("2026-01-15", "fee", "0.2", "another"));
      client.created("/ledger", entry("2026-02-02", "credit", "25.05", "repair credit"));
      JsonNode ledger = client.get("/ledger");
      assertThat(ledger.path("totals").path("charged").asText()).isEqualTo("2400.30");
      assertThat(ledger.path("totals").path("paid").asText()).isEqualTo("1199.90");
      assertThat(ledger.path("totals").path("credits").asText()).isEqualTo("25.05");
      assertThat(ledger.path("totals").path("balance").asText()).isEqualTo("1175.35");
      JsonNode entries = ledger.path("entries");
      assertThat(entries.get(0).path("date").asText()).isEqualTo("2026-01-01");
      assertThat(entries.get(0).path("balance").asText()).isEqualTo("1200.00");
      assertThat(entries.get(1).path("balance").asText()).isEqualTo("0.10");
      assertThat(entries.get(2).path("balance").asText()).isEqualTo("0.20");
      assertThat(entries.get(3).path("balance").asText()).isEqualTo("0.40");
      assertThat(entries.get(5).path("balance").asText()).isEqualTo("1175.35");
    }
  }

  @Test
  void largeSumsStayExact() {
    try (TestServer server = TestServer.start(root)) {
      RecordsClient client = new RecordsClient(server, VaultUser.register(server));
      for (int i = 0; i < 3; i++) {
        client.created("/ledger", entry("2026-01-0" + (i + 1), "rent", "999999999.99", ""));
      }
      client.created("/ledger", entry("2026-01-05", "credit", "0.01", ""));
      assertThat(client.get("/ledger").path("totals").path("balance").asText())
          .isEqualTo("2999999999.96");
    }
  }

  @Test
  void badAmountsAre400InvalidAmountWithTheInputKept() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      RecordsClient client = new RecordsClient(server, user);
      for (String amount :
          new String[] {
            "12.345", "abc", "-5.00", "1,2", "", "1e3", "0x10", "10000000000.00", "١٢"
          }) {
        HttpResponse<String> refused =
            client.post("/ledger", entry("2026-01-01", "credit", amount, ""));
        assertThat(refused.statusCode()).as(amount).isEqualTo(400);
        assertThat(VaultUser.json(refused.body()).path("error").asText())
            .isEqualTo("Invalid amount");
      }
      Browser browser = server.browser();
      browser.post(
          "/vault/open", Map.of("user_token", user.token(), "csrf_token", browser.csrfToken("/")));
      HttpResponse<String> page =
          browser.submit("/ledger", "/ledger", entry("2026-01-01", "rent", "12.345", "keep me"));
      assertThat(page.statusCode()).isEqualTo(400);
      assertThat(page.body())
          .contains("Invalid amount")
          .contains("value=\"12.345\"")
          .contains("value=\"keep me\"")
          .contains("id=\"f-amount-error\"");
      assertThat(client.get("/ledger").path("entries")).isEmpty();
      HttpResponse<String> noReceipt =
          client.post(
              "/ledger",
              Map.of(
                  "date",
                  "2026-01-01",
                  "type",
                  "rent",
                  "amount",
                  "1",
                  "receipt_doc_id",
                  "d_nosuchdocumentatall00"));
      assertThat(noReceipt.statusCode()).isEqualTo(400);
      assertThat(
              client
                  .post("/ledger/l_nosuchentry0000", entry("2026-01-01", "rent", "1", ""))
                  .statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void editsAndDeletesAreRecordedInTheAuditTrail() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      RecordsClient client = new RecordsClient(server, user);
      String id =
          client.created("/ledger", entry("2026-01-01", "rent", "1200", "")).path("id").asText();
      HttpResponse<String> edited =
          client.post("/ledger/" + id, entry("2026-01-01", "rent", "1250", "raised"));
      assertThat(edited.statusCode()).isEqualTo(200);
      assertThat(client.get("/ledger").path("totals").path("balance").asText())
          .isEqualTo("1250.00");
      assertThat(client.post("/ledger/" + id + "/delete", Map.of()).statusCode()).isEqualTo(200);
      assertThat(client.get("/ledger").path("entries")).isEmpty();
      assertThat(client.post("/ledger/l_nosuchentry0000/delete", Map.of()).statusCode())
          .isEqualTo(404);

      JsonNode audit = client.get("/records/audit").path("audit");
      assertThat(audit).hasSize(3);
      assertThat(audit.get(0).path("action").asText()).isEqualTo("ledger.delete");
      assertThat(audit.get(1).path("action").asText()).isEqualTo("ledger.edit");
      assertThat(audit.get(1).path("changes").path("amountCents").asText())
          .isEqualTo("120000 → 125000");
      assertThat(audit.get(1).path("changes").path("note").asText()).isEqualTo(" → raised");
      assertThat(audit.get(2).path("action").asText()).isEqualTo("ledger.add");
      for (JsonNode entry : audit) {
        assertThat(entry.path("record_id").asText(entry.path("recordId").asText())).isEqualTo(id);
        assertThat(entry.path("who").asText()).isEqualTo("api token");
        assertThat(entry.path("at").asText()).isNotBlank();
        assertThat(entry.path("request_id").asText(entry.path("requestId").asText())).isNotBlank();
      }
    }
  }

  @Test
  void csvIsRfc4180AndDefusesFormulas() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      RecordsClient client = new RecordsClient(server, user);
      client.created("/ledger", entry("2026-01-01", "rent", "1200", "rent, \"January\""));
      client.created("/ledger", entry("2026-01-02", "payment", "100", "=HYPERLINK(\"x\")"));
      HttpResponse<String> csv = user.get("/ledger.csv");
      assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
      assertThat(csv.body())
          .isEqualTo(
              "date,type,amount,note,receipt_doc_id,balance\r\n"
                  + "2026-01-01,rent,1200.00,\"rent, \"\"January\"\"\",,1200.00\r\n"
                  + "2026-01-02,payment,100.00,\"'=HYPERLINK(\"\"x\"\")\",,1100.00\r\n");
    }
  }

  @Test
  void thePageDrawsTheBalanceChartWithATextAlternative() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      RecordsClient client = new RecordsClient(server, user);
      client.created("/ledger", entry("2026-01-01", "rent", "1200", ""));
      client.created("/ledger", entry("2026-01-05", "payment", "1300", ""));
      Browser browser = server.browser();
      browser.post(
          "/vault/open", Map.of("user_token", user.token(), "csrf_token", browser.csrfToken("/")));
      String page = browser.get("/ledger").body();
      assertThat(page)
          .contains("<svg role=\"img\" aria-labelledby=\"chart-title chart-desc\"")
          .contains("Balance after each entry: Jan 1, 2026: $1,200.00; Jan 5, 2026: -$100.00.")
          .contains(">Balance owed</text>")
          .contains(">Date</text>")
          .containsPattern("<polyline points=\"[0-9.]+,[0-9.]+ [0-9.]+,[0-9.]+\"");
    }
  }

  @Test
  void theStatementIsSavedAsACertifiedPdfInTheVault() throws IOException {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      RecordsClient client = new RecordsClient(server, user);
      client.created("/ledger", entry("2026-01-01", "rent", "1200", "January"));
      JsonNode saved = client.created("/ledger/statement", Map.of());
      String pdfId = saved.path("pdf_doc_id").asText();
      byte[] pdf = user.download(pdfId).body();
      String text = org.semptify.documents.PdfText.of(pdf);
      assertThat(text).contains("Rent Ledger Statement").contains("$1,200.00").contains("January");
      JsonNode certificate =
          VaultUser.json(user.get("/api/vault/" + pdfId + "/certificate").body());
      assertThat(certificate.path("doc_type").asText()).isEqualTo("rent_ledger_statement");
      assertThat(certificate.path("sha256").asText())
          .isEqualTo(org.semptify.vault.Certificate.sha256Hex(pdf));
      assertThat(
              new String(
                  user.download(saved.path("text_doc_id").asText()).body(), StandardCharsets.UTF_8))
          .contains("Balance (rent + fees - payments - credits): $1,200.00");
    }
  }

  @Test
  void withoutATokenTheLedgerIs401() {
    try (TestServer server = TestServer.start(root)) {
      assertThat(server.get("/ledger").statusCode()).isEqualTo(401);
      assertThat(server.get("/ledger.csv").statusCode()).isEqualTo(401);
    }
  }
}

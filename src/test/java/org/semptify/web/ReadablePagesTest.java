package org.semptify.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** Issue 16 item 11: certificates and the audit trail read as words; ids behind "details". */
class ReadablePagesTest {
  @TempDir Path root;

  @Test
  void aCertificateIsAReadablePageWithItsJsonOneLinkAway() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      var uploaded = user.uploadFile("notice.txt", "pay or quit".getBytes());
      String id = uploaded.get("doc_id").asText();
      String sha = uploaded.get("sha256").asText();
      Browser browser = server.browser();
      browser.getFollowing("/vault?user_token=" + user.token());
      HttpResponse<String> page = browser.get("/vault/files/" + id + "/certificate");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      assertThat(page.body())
          .contains("This file, notice.txt, was received on ")
          .contains(sha)
          .contains("The server signed this record")
          .contains("<details>")
          .contains("href=\"/vault/files/" + id + "/certificate?format=json\"");
      HttpResponse<String> json = browser.get("/vault/files/" + id + "/certificate?format=json");
      assertThat(VaultUser.json(json.body()).get("sha256").asText()).isEqualTo(sha);
      assertThat(
              VaultUser.json(user.get("/vault/files/" + id + "/certificate").body())
                  .get("sha256")
                  .asText())
          .as("programs still get JSON")
          .isEqualTo(sha);
    }
  }

  @Test
  void theAuditTrailSaysEachChangeInWordsWithIdsBehindDetails() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      Browser browser = server.browser();
      browser.getFollowing("/vault?user_token=" + user.token());
      browser.submit(
          "/ledger",
          "/ledger",
          Map.of("date", "2026-01-01", "type", "rent", "amount", "1250.00", "note", ""));
      String body = browser.get("/records/audit").body();
      assertThat(body).contains("You added a ledger entry: rent, $1,250.00");
      int details = body.indexOf("<details>");
      assertThat(details).isPositive();
      assertThat(body.indexOf("ledger.add")).isGreaterThan(details);
    }
  }
}

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

/** Issue 16 item 6: one summary at the top lists every problem, each linked to its field. */
class ErrorSummaryTest {
  @TempDir Path root;

  @Test
  void anEmptyWitnessStatementListsEveryProblemNotOnlyTheSignature() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      Browser browser = server.browser();
      browser.getFollowing("/vault?user_token=" + user.token());
      HttpResponse<String> page =
          browser.submit(
              "/resources/witness_statement", "/resources/witness_statement_save", Map.of());
      assertThat(page.statusCode()).isEqualTo(400);
      String body = page.body();
      int summary = body.indexOf("class=\"notice notice-error error-summary\" role=\"alert\"");
      assertThat(summary).as("a summary").isPositive();
      assertThat(body.indexOf("<form method=\"post\" action=\"/resources/witness_statement_save\""))
          .as("above the form")
          .isGreaterThan(summary);
      assertThat(body.substring(summary))
          .contains("autofocus")
          .contains("<a href=\"#f-full_name\">")
          .contains("<a href=\"#f-statement\">")
          .contains("<a href=\"#sig-name\">Electronic signature: ")
          .containsPattern("Please fix [0-9]+ problems before saving:");
    }
  }

  @Test
  void theUnsignedPreviewShowsAPlaceholderForTheName() {
    try (TestServer server = TestServer.start(root)) {
      Browser browser = server.browser();
      HttpResponse<String> preview =
          browser.submit(
              "/resources/witness_statement",
              "/resources/witness_statement_preview",
              Map.of(
                  "full_name",
                  "Ana",
                  "contact",
                  "ana@example.org",
                  "statement",
                  "It leaked.",
                  "date",
                  "2026-03-31"));
      assertThat(preview.statusCode()).isEqualTo(200);
      assertThat(preview.body())
          .contains("/s/ [your typed name]")
          .contains("Electronic signature: [your typed name] typed")
          .doesNotContain("Electronic signature:  typed");
    }
  }

  @Test
  void aLedgerErrorIsAtTheTopOfThePage() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      Browser browser = server.browser();
      browser.getFollowing("/vault?user_token=" + user.token());
      // One entry first, so that the page has its totals and chart above the form.
      browser.submit(
          "/ledger",
          "/ledger",
          Map.of("date", "2026-01-01", "type", "rent", "amount", "1250.00", "note", ""));
      HttpResponse<String> page =
          browser.submit(
              "/ledger",
              "/ledger",
              Map.of("date", "2026-01-01", "type", "rent", "amount", "abc", "note", ""));
      assertThat(page.statusCode()).isEqualTo(400);
      String body = page.body();
      int summary = body.indexOf("role=\"alert\"");
      assertThat(summary).isPositive().isLessThan(body.indexOf("id=\"totals-heading\""));
      assertThat(body.substring(summary))
          .contains("<a href=\"#f-amount\">")
          .contains("Invalid amount");
    }
  }
}

package org.semptify.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.Multipart;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** Every action answers at the top of the next page, in words, with the next steps (issue 16). */
class StatusMessagesTest {
  private static final Pattern STATUS =
      Pattern.compile(
          "<div class=\"status-message\" role=\"status\"[^>]*>(.*?)</div>", Pattern.DOTALL);

  @TempDir Path root;

  private static String status(HttpResponse<String> page) {
    Matcher matcher = STATUS.matcher(page.body());
    return matcher.find() ? matcher.group(1) : null;
  }

  @Test
  void uploadShareRevokeDeleteAndRecordsEachSayWhatHappened() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      Browser browser = server.browser();
      browser.getFollowing("/vault?user_token=" + user.token());
      assertThat(status(browser.get("/vault"))).as("nothing happened yet").isNull();

      Multipart upload =
          new Multipart()
              .field("csrf_token", browser.csrfToken("/vault"))
              .file("file", "lease.txt", "the lease".getBytes());
      HttpResponse<String> uploaded =
          browser.follow(
              browser.send(
                  server
                      .request("/vault/upload")
                      .header("Accept", "text/html")
                      .header("Content-Type", upload.contentType())
                      .POST(HttpRequest.BodyPublishers.ofByteArray(upload.bytes()))
                      .build()));
      String saved = status(uploaded);
      assertThat(saved)
          .contains("Saved: lease.txt.")
          .containsPattern("href=\"/vault/files/[^\"]+\">Open<")
          .containsPattern("href=\"/vault/files/[^\"]+/certificate\">Certificate<")
          .contains("href=\"/vault#share-heading\">Share with your attorney<");
      assertThat(status(browser.get("/vault"))).as("said once").isNull();

      browser.submit("/vault", "/vault/shares", Map.of("label", "Legal aid", "days", "14"));
      Matcher share =
          Pattern.compile("/vault/shares/(s_[a-z0-9]+)/revoke")
              .matcher(browser.get("/vault").body());
      assertThat(share.find()).isTrue();
      assertThat(browser.get("/vault").body())
          .as("revoking asks first")
          .contains(
              "data-confirm=\"Turn off the link for Legal aid? It will stop working at once.\"");
      HttpResponse<String> revoked =
          browser.follow(
              browser.submit("/vault", "/vault/shares/" + share.group(1) + "/revoke", Map.of()));
      assertThat(status(revoked)).contains("The link for Legal aid is turned off.");

      Matcher doc =
          Pattern.compile("/vault/files/(d_[0-9a-z]+)/delete")
              .matcher(browser.get("/vault").body());
      assertThat(doc.find()).isTrue();
      HttpResponse<String> deleted =
          browser.follow(
              browser.submit("/vault", "/vault/files/" + doc.group(1) + "/delete", Map.of()));
      assertThat(status(deleted)).contains("Deleted: lease.txt.");

      HttpResponse<String> ledger =
          browser.follow(
              browser.submit(
                  "/ledger",
                  "/ledger",
                  Map.of("date", "2026-01-01", "type", "rent", "amount", "1250.00", "note", "")));
      assertThat(status(ledger)).contains("Saved in your rent ledger.");

      // In the visitor's language.
      browser.get("/language?lang=es&next=/");
      HttpResponse<String> again =
          browser.follow(
              browser.submit(
                  "/ledger",
                  "/ledger",
                  Map.of("date", "2026-01-02", "type", "rent", "amount", "5.00", "note", "")));
      assertThat(status(again)).contains("Guardado en su registro de renta.");
    }
  }
}

package org.semptify.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Cli;
import org.semptify.testing.Multipart;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** Service, filing and attestation records: errors, certificates, logbook links, export, disk. */
class TrackersTest {
  @TempDir Path root;

  @Test
  void everyRecordAndTrackerAnswersAMistakeTheSameWay() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      RecordsClient client = new RecordsClient(server, user);
      String emoji = "\uD83D\uDE00";
      String tooLong = "x".repeat(2001);
      // Programs: {"error", "fields", "request_id"}, with the one shared length message.
      for (Map.Entry<String, Map<String, String>> post :
          Map.of(
                  "/court_clerk",
                  Map.of("court_name", "District Court", "related_doc_id", "", "notes", tooLong),
                  "/contacts",
                  Map.of("name", "Ana", "notes", tooLong),
                  "/logbook",
                  Map.of("date", "2026-03-01", "title", "x".repeat(201), "type", "other"))
              .entrySet()) {
        HttpResponse<String> refused = client.post(post.getKey(), post.getValue());
        assertThat(refused.statusCode()).as(post.getKey()).isEqualTo(400);
        JsonNode body = VaultUser.json(refused.body());
        assertThat(body.path("request_id").asText()).as(post.getKey()).isNotEmpty();
        assertThat(body.path("fields").isObject()).as(post.getKey()).isTrue();
      }
      JsonNode notes =
          VaultUser.json(
              client
                  .post("/notary", Map.of("doc_id", "", "notes", tooLong))
                  .body()); // the first problem only, as before: the document is missing
      assertThat(notes.path("error").asText())
          .isEqualTo("Choose a document from your vault or upload one");
      assertThat(notes.path("fields").size()).isEqualTo(1);
      JsonNode notice =
          user.uploadFile("notice.pdf", "%PDF-1.4 notice".getBytes(StandardCharsets.UTF_8));
      JsonNode tooLongNotes =
          VaultUser.json(
              client
                  .post(
                      "/notary", Map.of("doc_id", notice.path("doc_id").asText(), "notes", tooLong))
                  .body());
      assertThat(tooLongNotes.path("error").asText()).isEqualTo("Keep this under 2000 characters.");
      assertThat(tooLongNotes.path("fields").path("notes").asText())
          .isEqualTo("Keep this under 2000 characters.");
      // Lengths are counted in characters everywhere, as the signed forms always did.
      assertThat(
              client
                  .post(
                      "/logbook",
                      Map.of("date", "2026-03-01", "title", emoji.repeat(200), "type", "other"))
                  .statusCode())
          .isEqualTo(201);

      // Browsers: the form again, with what was typed and the message beside the field.
      org.semptify.testing.Browser browser = server.browser();
      browser.post(
          "/vault/open", Map.of("user_token", user.token(), "csrf_token", browser.csrfToken("/")));
      HttpResponse<String> page =
          browser.submit(
              "/court_clerk",
              "/court_clerk",
              Map.of("court_name", "", "case_number", "CV-2026-17", "related_doc_id", ""));
      assertThat(page.statusCode()).isEqualTo(400);
      assertThat(page.body())
          .contains("value=\"CV-2026-17\"")
          .contains("id=\"f-court_name-error\">Court name and related document are required<");
    }
  }

  @Test
  void serviceOfNoticeNeedsTypeAndDestinationAndRecordsTheDocumentsHash() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      RecordsClient client = new RecordsClient(server, user);
      JsonNode notice =
          user.uploadFile("notice.pdf", "%PDF-1.4 notice".getBytes(StandardCharsets.UTF_8));

      HttpResponse<String> missing =
          client.post("/certified_post", Map.of("service_type", "courier"));
      assertThat(missing.statusCode()).isEqualTo(400);
      assertThat(VaultUser.json(missing.body()).path("error").asText())
          .isEqualTo("Service type and destination are required");
      assertThat(client.post("/certified_post", Map.of("destination", "Acme")).statusCode())
          .isEqualTo(400);
      assertThat(
              client
                  .post(
                      "/certified_post",
                      Map.of(
                          "service_type",
                          "courier",
                          "destination",
                          "Acme",
                          "related_doc_id",
                          "d_nosuchdocumentatall00"))
                  .statusCode())
          .isEqualTo(404);

      JsonNode record =
          client.created(
              "/certified_post",
              Map.of(
                  "service_type", "postal_certified",
                  "destination", "Acme Rentals, 1 Main St",
                  "tracking_number", "9400 1000 0000 0000 0000 00",
                  "related_doc_id", notice.path("doc_id").asText(),
                  "date", "2026-03-02"));
      assertThat(record.path("type").asText()).isEqualTo("certified_post");
      assertThat(record.path("sha256").asText()).isEqualTo(notice.path("sha256").asText());
      assertThat(record.path("tracking_number").asText()).isEqualTo("9400 1000 0000 0000 0000 00");
      assertThat(record.path("signature").asText()).isNotBlank();

      JsonNode logbook = client.get("/logbook").path("events");
      assertThat(logbook.get(0).path("source").asText()).isEqualTo("certified_post");
      assertThat(logbook.get(0).path("date").asText()).isEqualTo("2026-03-02");
    }
  }

  @Test
  void aReceiptUploadedWithTheServiceBecomesAVaultDocument() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      RecordsClient client = new RecordsClient(server, user);
      HttpResponse<String> response =
          client.postMultipart(
              "/certified_post",
              new Multipart()
                  .field("service_type", "hand_delivery")
                  .field("destination", "Property manager")
                  .file(
                      "file",
                      "receipt.txt",
                      "signed for by J. Smith".getBytes(StandardCharsets.UTF_8)));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      JsonNode record = VaultUser.json(response.body());
      String receiptId = record.path("receipt_doc_id").asText();
      assertThat(new String(user.download(receiptId).body(), StandardCharsets.UTF_8))
          .isEqualTo("signed for by J. Smith");

      HttpResponse<String> refused =
          client.postMultipart(
              "/certified_post",
              new Multipart()
                  .field("service_type", "courier")
                  .file("file", "r.txt", "x".getBytes(StandardCharsets.UTF_8)));
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(VaultUser.json(user.get("/api/vault").body()).path("documents")).hasSize(1);
    }
  }

  @Test
  void aCourtFilingNeedsTheCourtAndAnExistingDocument() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      RecordsClient client = new RecordsClient(server, user);
      JsonNode answer =
          user.uploadFile("answer.pdf", "%PDF-1.4 answer".getBytes(StandardCharsets.UTF_8));
      assertThat(
              client
                  .post("/court_clerk", Map.of("related_doc_id", answer.path("doc_id").asText()))
                  .statusCode())
          .isEqualTo(400);
      assertThat(client.post("/court_clerk", Map.of("court_name", "Housing Court")).statusCode())
          .isEqualTo(400);
      HttpResponse<String> unknown =
          client.post(
              "/court_clerk",
              Map.of("court_name", "Housing Court", "related_doc_id", "d_nosuchdocumentatall00"));
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(VaultUser.json(unknown.body()).path("error").asText())
          .isEqualTo("Related file not found");

      JsonNode record =
          client.created(
              "/court_clerk",
              Map.of(
                  "court_name", "Housing Court",
                  "case_number", "LT-2026-123",
                  "filing_type", "answer",
                  "submission_method", "e_filing",
                  "status", "accepted",
                  "related_doc_id", answer.path("doc_id").asText()));
      assertThat(record.path("type").asText()).isEqualTo("court_clerk_filing");
      assertThat(record.path("sha256").asText()).isEqualTo(answer.path("sha256").asText());
      assertThat(record.path("submission_method").asText()).isEqualTo("e_filing");
      assertThat(
              client
                  .post(
                      "/court_clerk",
                      Map.of(
                          "court_name",
                          "C",
                          "related_doc_id",
                          answer.path("doc_id").asText(),
                          "status",
                          "lost"))
                  .statusCode())
          .isEqualTo(400);
      assertThat(client.get("/logbook").path("events").get(0).path("type").asText())
          .isEqualTo("court");
    }
  }

  @Test
  void anAttestationSaysItIsNotANotarization() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      RecordsClient client = new RecordsClient(server, user);
      JsonNode lease =
          user.uploadFile("lease.pdf", "%PDF-1.4 lease".getBytes(StandardCharsets.UTF_8));
      assertThat(client.post("/notary", Map.of()).statusCode()).isEqualTo(400);
      assertThat(client.post("/notary", Map.of("doc_id", "d_nosuchdocumentatall00")).statusCode())
          .isEqualTo(404);
      JsonNode existing =
          client.created("/notary", Map.of("doc_id", lease.path("doc_id").asText()));
      assertThat(existing.path("type").asText()).isEqualTo("notary_attestation");
      assertThat(existing.path("sha256").asText()).isEqualTo(lease.path("sha256").asText());
      assertThat(existing.path("statement").asText()).contains("not a legal notarization");

      HttpResponse<String> uploaded =
          client.postMultipart(
              "/notary",
              new Multipart()
                  .file("file", "photo.txt", "new evidence".getBytes(StandardCharsets.UTF_8)));
      assertThat(uploaded.statusCode()).isEqualTo(201);
      JsonNode record = VaultUser.json(uploaded.body());
      assertThat(record.path("sha256").asText())
          .isEqualTo(
              org.semptify.vault.Certificate.sha256Hex(
                  "new evidence".getBytes(StandardCharsets.UTF_8)));

      JsonNode listed = client.get("/vault/certificates").path("certificates");
      assertThat(listed.findValuesAsText("type"))
          .containsExactly("notary_attestation", "notary_attestation");
    }
  }

  @Test
  void recordsAreInTheExportAndVerify() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      RecordsClient client = new RecordsClient(server, user);
      JsonNode notice =
          user.uploadFile("notice.pdf", "%PDF-1.4 notice".getBytes(StandardCharsets.UTF_8));
      JsonNode record =
          client.created(
              "/certified_post",
              Map.of(
                  "service_type",
                  "courier",
                  "destination",
                  "Acme",
                  "related_doc_id",
                  notice.path("doc_id").asText()));
      client.created("/ledger", Map.of("date", "2026-01-01", "type", "rent", "amount", "700"));
      client.created("/contacts", Map.of("name", "Acme Rentals", "role", "landlord"));
      Path bundle = root.resolve("export.zip");
      java.net.http.HttpClient.newHttpClient()
          .send(
              server.request("/vault/export").header("X-User-Token", user.token()).GET().build(),
              HttpResponse.BodyHandlers.ofFile(bundle));
      try (ZipFile zip = new ZipFile(bundle.toFile())) {
        assertThat(
                zip.getEntry(
                    "certificates/certified_post-" + record.path("seq").asText() + ".json"))
            .isNotNull();
        assertThat(text(zip, "records/ledger.csv")).contains("2026-01-01,rent,700.00");
        assertThat(text(zip, "records/logbook.ics"))
            .contains("BEGIN:VCALENDAR")
            .contains("Notice served");
        assertThat(text(zip, "records/records.json"))
            .contains("Acme Rentals")
            .contains("ledger.add");
      }
      Cli.Result result = Cli.run(root, "verify-bundle", bundle.toString());
      assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
      assertThat(result.stdout()).contains("1 document(s) and 2 certificate(s)");
    }
  }

  private static String text(ZipFile zip, String entry) throws IOException {
    return new String(
        zip.getInputStream(zip.getEntry(entry)).readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void nothingOfTheRecordsIsReadableOnDisk() throws IOException {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      RecordsClient client = new RecordsClient(server, user);
      client.created("/contacts", Map.of("name", "Zebulon Plaintextmarker", "phone", "555-0199"));
      client.created(
          "/ledger",
          Map.of("date", "2026-01-01", "type", "rent", "amount", "1234.56", "note", "Quuxnote"));
      client.created(
          "/logbook",
          Map.of("date", "2026-01-01", "title", "Flibbertigibbet meeting", "type", "meeting"));
      JsonNode doc = user.uploadFile("n.txt", "x".getBytes(StandardCharsets.UTF_8));
      client.created(
          "/certified_post",
          Map.of(
              "service_type",
              "courier",
              "destination",
              "Wibblewobble Estates",
              "related_doc_id",
              doc.path("doc_id").asText()));
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          for (String marker :
              new String[] {
                "Zebulon",
                "Plaintextmarker",
                "555-0199",
                "Quuxnote",
                "1234.56",
                "123456",
                "Flibbertigibbet",
                "Wibblewobble"
              }) {
            assertThat(content).as(file + " contains " + marker).doesNotContain(marker);
          }
        }
      }
    }
  }
}

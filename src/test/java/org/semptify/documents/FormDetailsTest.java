package org.semptify.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.documents.web.ResourceHandlers;
import org.semptify.testing.Browser;
import org.semptify.testing.Cli;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/**
 * What each form does beyond the common pattern: exhibits, timelines, photos, Unicode, resources.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FormDetailsTest {
  private static final byte[] PNG = {
    (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
  };

  @TempDir static Path root;
  private TestServer server;
  private VaultUser user;

  @BeforeAll
  void start() {
    server = TestServer.start(root);
    user = VaultUser.register(server);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private JsonNode save(String form, Map<String, String> fields, String... repeated) {
    HttpResponse<String> response =
        FormPosts.asProgram(
            server,
            user.token(),
            "/resources/" + form + "_save",
            FormPosts.fields(fields, repeated));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return VaultUser.json(response.body());
  }

  private String text(JsonNode saved) {
    return new String(
        user.download(saved.path("text").path("doc_id").asText()).body(), StandardCharsets.UTF_8);
  }

  private String pdfText(JsonNode saved) throws IOException {
    return PdfText.of(user.download(saved.path("pdf").path("doc_id").asText()).body());
  }

  @Test
  void theFilingPacketIndexesExhibitsAndSortsTheTimeline() throws IOException {
    JsonNode lease =
        user.uploadFile("lease.pdf", "%PDF-1.4 lease".getBytes(StandardCharsets.UTF_8));
    JsonNode photo = user.uploadFile("ceiling.png", PNG);
    JsonNode saved =
        save(
            "filing_packet",
            FormSamples.signed("filing_packet"),
            "exhibits",
            lease.path("doc_id").asText(),
            "exhibits",
            photo.path("doc_id").asText());
    String text = text(saved);
    assertThat(text.indexOf("January 5, 2026 | Reported the leak"))
        .isPositive()
        .isLessThan(text.indexOf("February 10, 2026 | Second repair request"));
    assertThat(text)
        .containsPattern(
            "A \\| lease.pdf \\| [A-Z][a-z]+ \\d{1,2}, \\d{4}, \\d\\d:\\d\\d UTC \\| "
                + lease.path("sha256").asText())
        .containsPattern("B \\| ceiling.png \\| [^|]+ \\| " + photo.path("sha256").asText())
        .contains("[x] Exhibits")
        .contains("[x] Timeline")
        .contains("[ ] Witness Statements");
    String pdf = pdfText(saved);
    assertThat(pdf).contains("Cover Page").contains("Summary Sheet").contains("Evidence Index");
    assertThat(pdf.replaceAll("\\s+", "")).contains(photo.path("sha256").asText());
    assertThat(pdf).contains("Page 2 of");
  }

  @Test
  void anEmptyTimelineIsSaidSoAndABadLineIsRefused() {
    Map<String, String> fields = FormSamples.signed("filing_packet");
    fields.put("timeline", "");
    assertThat(text(save("filing_packet", fields))).contains("(No timeline entries provided)");

    fields.put("timeline", "2026-01-05 - fine\nlast Tuesday - the heater broke");
    HttpResponse<String> refused =
        FormPosts.asProgram(
            server, user.token(), "/resources/filing_packet_save", FormPosts.fields(fields));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(VaultUser.json(refused.body()).path("fields").path("timeline").asText())
        .contains("Line 2");
  }

  @Test
  void fieldErrorsAreShownBesideTheirFieldsWithTheInputKept() {
    Browser browser = openVault();
    Map<String, String> fields = FormSamples.signed("witness_statement");
    fields.put("date", "2026-02-30");
    fields.put("full_name", "");
    HttpResponse<String> page =
        browser.submit("/resources/witness_statement", "/resources/witness_statement_save", fields);
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body())
        .contains("id=\"f-date-error\"")
        .contains("Enter a real date like 2026-03-31.")
        .contains("id=\"f-full_name-error\"")
        .contains("This field is required.")
        .contains("aria-invalid=\"true\"")
        .contains("value=\"2026-02-30\"")
        .contains("water pouring through the ceiling");
  }

  @Test
  void aDocumentNotInTheVaultCannotBeAttached() {
    HttpResponse<String> refused =
        FormPosts.asProgram(
            server,
            user.token(),
            "/resources/filing_packet_save",
            FormPosts.fields(
                FormSamples.signed("filing_packet"), "exhibits", "d_aaaaaaaaaaaaaaaaaaaaaa"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("no longer in your vault");
  }

  @Test
  void theMoveChecklistOffersOnlyPhotosAndReferencesThemByIdAndHash() throws IOException {
    Browser browser = openVault();
    JsonNode photo = user.uploadFile("kitchen.png", PNG);
    user.uploadFile("notes.txt", "just text".getBytes(StandardCharsets.UTF_8));
    String form = browser.get("/resources/move_checklist").body();
    assertThat(form).contains("kitchen.png").doesNotContain("notes.txt");

    JsonNode saved =
        save(
            "move_checklist",
            FormSamples.signed("move_checklist"),
            "items",
            "Keys returned",
            "items",
            "Photos taken",
            "photos",
            photo.path("doc_id").asText());
    String text = text(saved);
    assertThat(text)
        .contains("[x] Photos taken")
        .contains("[x] Keys returned")
        .contains("[ ] Walkthrough with landlord")
        .contains("Kitchen | Oven door cracked")
        .contains(
            photo.path("doc_id").asText() + " | kitchen.png | " + photo.path("sha256").asText());
    assertThat(pdfText(saved)).contains("[x]  Keys returned");
  }

  @Test
  void chineseAndAccentedNamesSurviveIntoThePdfText() throws IOException {
    Map<String, String> fields = FormSamples.signed("witness_statement");
    fields.put("full_name", "王小明 (Wáng Xiǎomíng), Zoë Ñandú");
    fields.put("sig_name", "王小明");
    JsonNode saved = save("witness_statement", fields);
    assertThat(pdfText(saved)).contains("王小明 (Wáng Xiǎomíng), Zoë Ñandú").contains("/s/ 王小明");
    assertThat(text(saved)).contains("王小明 (Wáng Xiǎomíng), Zoë Ñandú");
  }

  @Test
  void aBrowserSaveLandsOnTheVaultWithTheNewPdfHighlighted() {
    Browser browser = openVault();
    HttpResponse<String> saved =
        browser.submit(
            "/resources/service_animal",
            "/resources/service_animal_save",
            FormSamples.signed("service_animal"));
    assertThat(saved.statusCode()).isEqualTo(303);
    String location = saved.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("/vault\\?new=d_[0-9a-z]{22}");
    String docId = location.substring("/vault?new=".length());
    String vault = browser.get(location).body();
    assertThat(vault)
        .containsPattern(
            "<tr class=\"highlight\">\\s*<td class=\"card-title\"><span class=\"filename\">"
                + "service-animal-2026-03-31\\.pdf")
        .contains("/vault/files/" + docId);
  }

  @Test
  void theExportOfAVaultWithGeneratedDocumentsStillVerifies() throws Exception {
    save("witness_statement", FormSamples.signed("witness_statement"));
    Path bundle = root.resolve("documents-export.zip");
    java.net.http.HttpClient.newHttpClient()
        .send(
            server.request("/vault/export").header("X-User-Token", user.token()).GET().build(),
            HttpResponse.BodyHandlers.ofFile(bundle));
    assertThat(Files.size(bundle)).isPositive();
    Cli.Result result = Cli.run(root, "verify-bundle", bundle.toString());
    assertThat(result.exitCode()).as(result.stderr() + result.stdout()).isZero();
    assertThat(result.stdout()).startsWith("OK:");
  }

  @Test
  void aDocumentSavedFromASpanishPageIsWrittenInSpanish() throws IOException {
    java.net.http.HttpRequest.Builder request =
        server
            .request("/resources/witness_statement_save")
            .header("X-User-Token", user.token())
            .header("Accept", "application/json")
            .header("Accept-Language", "es")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofString(
                    FormPosts.encode(FormPosts.fields(FormSamples.signed("witness_statement")))));
    HttpResponse<String> response = server.send(request.build());
    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode saved = VaultUser.json(response.body());
    String pdf = pdfText(saved);
    assertThat(pdf)
        .contains("Declaración de testigo")
        .contains("Declaro bajo pena de perjurio")
        .contains("28 U.S.C. § 1746")
        .contains("/s/ María Núñez")
        .contains("Firmado el 31 de marzo de 2026.")
        .contains("SHA-256 del texto de este documento:")
        .contains("Página 1 de 1");
    assertThat(text(saved)).contains("Declaración de testigo");
    String pdfId = saved.path("pdf").path("doc_id").asText();
    assertThat(
            VaultUser.json(user.get("/api/vault/" + pdfId + "/certificate").body())
                .path("language")
                .asText())
        .isEqualTo("es");
  }

  @Test
  void theHubLinksEveryToolTemplateAndTheRightsPage() {
    String hub = server.getHtml("/resources").body();
    for (String form :
        new String[] {"witness_statement", "filing_packet", "service_animal", "move_checklist"}) {
      assertThat(hub).contains("href=\"/resources/" + form + "\"");
    }
    for (String name : ResourceHandlers.DOWNLOADS) {
      assertThat(hub).contains("href=\"/resources/download/" + name + "\"");
      HttpResponse<String> download = server.get("/resources/download/" + name);
      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(download.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/plain");
    }
    assertThat(server.get("/resources/download/filing_packet_timeline.txt").body())
        .contains("Filing Packet Timeline");
    assertThat(server.get("/resources/download/witness_statement.txt").body())
        .contains("28 U.S.C. § 1746");
    assertThat(server.get("/resources/download/passwords.txt").statusCode()).isEqualTo(404);
    assertThat(server.get("/resources/download/..%2Fsecurity%2Fsession.key").statusCode())
        .isEqualTo(404);
    assertThat(server.get("/resources/no_such_form").statusCode()).isEqualTo(404);
    assertThat(hub).contains("href=\"/know-your-rights\"");
    String rights = server.getHtml("/know-your-rights").body();
    assertThat(rights).contains("not legal advice").contains("LawHelp.org");
  }

  private Browser openVault() {
    Browser browser = server.browser();
    HttpResponse<String> opened =
        browser.post(
            "/vault/open",
            Map.of("user_token", user.token(), "csrf_token", browser.csrfToken("/")));
    assertThat(opened.statusCode()).isEqualTo(303);
    return browser;
  }
}

package org.semptify.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;
import org.semptify.vault.Certificate;

/** The signed-form pattern, for each of the four forms, through the real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedFormsTest {
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

  @ParameterizedTest
  @ValueSource(
      strings = {
        "witness_statement",
        "filing_packet",
        "service_animal",
        "move_checklist",
        "repair_request"
      })
  void theFormIsPublic(String form) {
    HttpResponse<String> page = server.getHtml("/resources/" + form);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("action=\"/resources/" + form + "_save\"")
        .contains("formaction=\"/resources/" + form + "_preview\"")
        .contains("name=\"sig_name\"")
        .contains("name=\"sig_consented\"");
    for (String field : FormSamples.valid(form).keySet()) {
      assertThat(page.body()).contains("name=\"" + field + "\"");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "witness_statement",
        "filing_packet",
        "service_animal",
        "move_checklist",
        "repair_request"
      })
  void previewEchoesEveryFieldInert(String form) {
    Map<String, String> fields = FormSamples.signed(form);
    fields.replaceAll(
        (name, value) ->
            name.equals("date")
                    || name.equals("timeline")
                    || name.equals("sig_consented")
                    || name.equals("deadline_days")
                ? value
                : value + " <script>alert(1)</script>");
    HttpResponse<String> page =
        server.browser().submit("/resources/" + form, "/resources/" + form + "_preview", fields);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains("Preview").doesNotContain("<script>alert(1)");
    assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    for (String key : FormSamples.keyText(form)) {
      assertThat(page.body()).contains(key.replace("'", "&#39;"));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "witness_statement",
        "filing_packet",
        "service_animal",
        "move_checklist",
        "repair_request"
      })
  void savingWithoutASignatureIsRefusedWithTheInputKept(String form) {
    Map<String, String> fields = FormSamples.signed(form);
    fields.remove("sig_consented");
    var browser = server.browser();
    browser.post(
        "/vault/open", Map.of("user_token", user.token(), "csrf_token", browser.csrfToken("/")));
    HttpResponse<String> page =
        browser.submit("/resources/" + form, "/resources/" + form + "_save", fields);
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body())
        .contains("Electronic signature consent and typed name are required to save")
        .contains("value=\"María Núñez\"");
    String someField = FormSamples.valid(form).values().iterator().next();
    assertThat(page.body()).contains(someField.split("\n")[0]);

    fields.put("sig_consented", "on");
    fields.put("sig_name", "  ");
    HttpResponse<String> json =
        FormPosts.asProgram(
            server, user.token(), "/resources/" + form + "_save", FormPosts.fields(fields));
    assertThat(json.statusCode()).isEqualTo(400);
    assertThat(VaultUser.json(json.body()).path("error").asText())
        .isEqualTo("Electronic signature consent and typed name are required to save");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "witness_statement",
        "filing_packet",
        "service_animal",
        "move_checklist",
        "repair_request"
      })
  void savingStoresAPdfAndItsTextTwinWithCertificates(String form) throws IOException {
    HttpResponse<String> response =
        FormPosts.asProgram(
            server,
            user.token(),
            "/resources/" + form + "_save",
            FormPosts.fields(FormSamples.signed(form)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode saved = VaultUser.json(response.body());
    String pdfId = saved.path("pdf").path("doc_id").asText();
    String textId = saved.path("text").path("doc_id").asText();

    byte[] pdf = user.download(pdfId).body();
    byte[] text = user.download(textId).body();
    JsonNode pdfCertificate =
        VaultUser.json(user.get("/api/vault/" + pdfId + "/certificate").body());
    JsonNode textCertificate =
        VaultUser.json(user.get("/api/vault/" + textId + "/certificate").body());
    JsonNode pdfFields = pdfCertificate;
    assertThat(pdfFields.path("sha256").asText()).isEqualTo(Certificate.sha256Hex(pdf));
    assertThat(pdfFields.path("doc_type").asText()).isEqualTo(form);
    assertThat(pdfFields.path("sig_name").asText()).isEqualTo("María Núñez");
    assertThat(pdfFields.path("sig_consented").asBoolean()).isTrue();
    assertThat(pdfFields.path("executed_date").asText())
        .isEqualTo(FormSamples.valid(form).get("date"));
    assertThat(pdfFields.path("request_id").asText()).isNotBlank();
    assertThat(pdfFields.path("text_sha256").asText()).isEqualTo(Certificate.sha256Hex(text));
    JsonNode textFields = textCertificate;
    assertThat(textFields.path("sha256").asText()).isEqualTo(Certificate.sha256Hex(text));
    assertThat(textFields.path("doc_type").asText()).isEqualTo(form);

    String pdfText = PdfText.of(pdf);
    String plain = new String(text, StandardCharsets.UTF_8);
    for (String key : FormSamples.keyText(form)) {
      assertThat(pdfText).contains(key);
      assertThat(plain).contains(key);
    }
    assertThat(pdfText)
        .contains("Document " + pdfId)
        .contains("SHA-256 of this document's text: " + Certificate.sha256Hex(text))
        .contains("Page 1 of");
    assertThat(pdf).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));
    assertThat(saved.path("pdf").path("content_type").asText()).isEqualTo("application/pdf");

    String events = server.awaitLog("events.log", "\"event\":\"" + form + "_saved\"");
    assertThat(events)
        .containsPattern("\"event\":\"" + form + "_saved\"[^\\n]*\"doc_id\":\"" + pdfId + "\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "witness_statement",
        "filing_packet",
        "service_animal",
        "move_checklist",
        "repair_request"
      })
  void anUnauthenticatedSaveIs401AndKeepsTheInputForBrowsers(String form) {
    HttpResponse<String> json =
        FormPosts.asProgram(
            server,
            null,
            "/resources/" + form + "_save",
            FormPosts.fields(FormSamples.signed(form)));
    assertThat(json.statusCode()).isEqualTo(401);

    HttpResponse<String> page =
        server
            .browser()
            .submit("/resources/" + form, "/resources/" + form + "_save", FormSamples.signed(form));
    assertThat(page.statusCode()).isEqualTo(401);
    assertThat(page.body()).contains("Your vault is locked").contains("name=\"user_token\"");
    assertThat(page.body()).contains("value=\"María Núñez\"");
  }
}

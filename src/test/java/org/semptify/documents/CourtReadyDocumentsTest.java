package org.semptify.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/**
 * The documents as a court clerk and a landlord read them, through the real server: every PDF's
 * text extracted page by page (caption, long dates, signature block with the paragraph above it,
 * exhibits' cover sheets and pages in order, the checklist), and PNGs of them under target/e2e/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CourtReadyDocumentsTest {
  private static final Path SCREENSHOTS = Path.of("target", "e2e");
  private static final int DPI = 60;

  @TempDir static Path root;
  private TestServer server;
  private VaultUser user;
  private JsonNode photo;
  private JsonNode lease;
  private JsonNode recording;

  @BeforeAll
  void start() {
    server = TestServer.start(root);
    user = VaultUser.register(server);
    photo =
        user.uploadFile(
            "bathroom-ceiling.jpg", ExhibitSamples.photo("Bathroom ceiling", 1600, 1200));
    lease = user.uploadFile("lease.pdf", ExhibitSamples.pdf("Lease", 2));
    recording = user.uploadFile("voicemail.mp3", ExhibitSamples.recording());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static Map<String, String> caption(Map<String, String> fields) {
    fields.put("court_name", "Circuit Court of Cook County");
    fields.put("county_state", "Cook County, Illinois");
    fields.put("case_number", "2026-M1-701234");
    fields.put("plaintiff", "Acme Rentals LLC");
    fields.put("defendant", "María Núñez");
    fields.put("executed_at", "Springfield, Illinois");
    fields.put("date", "2026-11-30");
    return fields;
  }

  private JsonNode save(String form, String language, Map<String, String> fields, String... more) {
    HttpResponse<String> response =
        server.send(
            server
                .request("/resources/" + form + "_save")
                .header("X-User-Token", user.token())
                .header("Accept", "application/json")
                .header("Accept-Language", language)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        FormPosts.encode(FormPosts.fields(fields, more))))
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return VaultUser.json(response.body());
  }

  private byte[] pdf(JsonNode saved) {
    return user.download(saved.path("pdf").path("doc_id").asText()).body();
  }

  private String text(JsonNode saved) {
    return new String(
        user.download(saved.path("text").path("doc_id").asText()).body(), StandardCharsets.UTF_8);
  }

  /** The page's text without its footer, where ISO dates and ids belong. */
  private static String body(String page) {
    return page.lines()
        .filter(l -> !l.startsWith("Document d_") && !l.startsWith("Documento d_"))
        .filter(l -> !l.startsWith("SHA-256 of this") && !l.startsWith("SHA-256 del texto"))
        .reduce("", (a, b) -> a + b + "\n");
  }

  private static int pageWith(List<PdfPages.Page> pages, String text) {
    for (int i = 0; i < pages.size(); i++) {
      if (pages.get(i).text().contains(text)) {
        return i;
      }
    }
    throw new AssertionError("no page contains " + text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void aWitnessStatementHasItsCaptionLongDatesAndASignatureBlock(String language)
      throws IOException {
    Map<String, String> fields = caption(FormSamples.signed("witness_statement"));
    fields.put("statement", "On the second of March I saw water pouring through the ceiling.");
    JsonNode saved = save("witness_statement", language, fields);
    List<PdfPages.Page> pages = PdfPages.of(pdf(saved));
    String all = PdfText.of(pdf(saved));
    boolean en = language.equals("en");
    assertThat(all)
        .contains("CIRCUIT COURT OF COOK COUNTY")
        .contains("COOK COUNTY, ILLINOIS")
        .contains("ACME RENTALS LLC,")
        .contains("MARÍA NÚÑEZ,")
        .contains(en ? "Plaintiff (landlord)" : "Demandante (arrendador)")
        .contains(en ? "Defendant (tenant)" : "Demandado (inquilino)")
        .contains(en ? "Case No. 2026-M1-701234" : "Caso n.º 2026-M1-701234")
        .contains(en ? "WITNESS STATEMENT" : "DECLARACIÓN DE TESTIGO")
        .contains(en ? "November 30, 2026" : "30 de noviembre de 2026")
        .contains("/s/ María Núñez")
        .contains(
            en
                ? "Executed at Springfield, Illinois on November 30, 2026."
                : "Firmado en Springfield, Illinois el 30 de noviembre de 2026.");
    assertThat(all.indexOf("CIRCUIT COURT")).isLessThan(all.indexOf("/s/ María Núñez"));
    for (PdfPages.Page page : pages) {
      assertThat(body(page.text())).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
    }
    int signed = pageWith(pages, "/s/ María Núñez");
    assertThat(pages.get(signed).text())
        .contains(en ? "I declare under penalty of perjury" : "Declaro bajo pena de perjurio");
    assertThat(text(saved)).contains("CIRCUIT COURT OF COOK COUNTY").contains("/s/ María Núñez");
    assertThat(
            VaultUser.json(
                    user.get(
                            "/api/vault/"
                                + saved.path("pdf").path("doc_id").asText()
                                + "/certificate")
                        .body())
                .path("executed_date")
                .asText())
        .isEqualTo("2026-11-30"); // ISO stays in the certificate
  }

  @Test
  void withoutCaptionFieldsThereIsNoCaption() throws IOException {
    String all =
        PdfText.of(pdf(save("witness_statement", "en", FormSamples.signed("witness_statement"))));
    assertThat(all)
        .doesNotContain("Plaintiff")
        .doesNotContain("Case No.")
        .contains("Executed on March 31, 2026.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void aFilingPacketHoldsEachExhibitAfterItsCoverSheetInOrder(String language) throws IOException {
    boolean en = language.equals("en");
    Map<String, String> fields = caption(FormSamples.signed("filing_packet"));
    fields.put(
        "summary",
        en
            ? "The roof has leaked since October. The landlord was told three times and did not"
                + " repair it; the notice to quit came a week after my last request."
            : "El techo gotea desde octubre. Se lo dije al arrendador tres veces y no lo reparó;"
                + " el aviso de desalojo llegó una semana después de mi último pedido.");
    JsonNode bare = save("filing_packet", language, fields);
    JsonNode saved =
        save(
            "filing_packet",
            language,
            fields,
            "exhibits",
            photo.path("doc_id").asText(),
            "exhibits",
            lease.path("doc_id").asText(),
            "exhibits",
            recording.path("doc_id").asText());
    byte[] bytes = pdf(saved);
    List<PdfPages.Page> pages = PdfPages.of(bytes);
    String exhibit = en ? "Exhibit " : "Anexo ";

    // The cover holds the caption and the summary.
    assertThat(pages.get(0).text())
        .contains("CIRCUIT COURT OF COOK COUNTY")
        .contains(en ? "FILING PACKET" : "EXPEDIENTE PARA EL TRIBUNAL")
        .contains(en ? "The roof has leaked since October." : "El techo gotea desde octubre.")
        .contains(en ? "November 30, 2026" : "30 de noviembre de 2026")
        .contains(exhibit + "A — bathroom-ceiling.jpg")
        .contains(exhibit + "B — lease.pdf")
        .contains(
            exhibit
                + "C — voicemail.mp3 "
                + (en ? "(provided separately)" : "(se entrega por separado)"));

    // A: cover sheet, then the photo on its own page.
    int a = pageWith(pages, (en ? "File: " : "Archivo: ") + "bathroom-ceiling.jpg");
    assertThat(pages.get(a).text().replace('\n', ' '))
        .contains(exhibit + "A")
        .contains("SHA-256: " + photo.path("sha256").asText())
        .containsPattern("(#|n\\.º )\\d+ \\(");
    assertThat(pages.get(a).images()).isZero();
    assertThat(pages.get(a + 1).images()).isEqualTo(1);
    assertThat(pages.get(a + 1).text()).contains(exhibit + "A");
    // B: cover sheet, then the PDF's two pages, stamped, in order.
    int b = a + 2;
    assertThat(pages.get(b).text().replace('\n', ' '))
        .contains(exhibit + "B")
        .contains("lease.pdf")
        .contains("SHA-256: " + lease.path("sha256").asText());
    assertThat(pages.get(b + 1).text())
        .contains("Lease page 1 of 2")
        .contains(exhibit + "B, " + (en ? "page 1 of 2" : "página 1 de 2"));
    assertThat(pages.get(b + 2).text())
        .contains("Lease page 2 of 2")
        .contains(exhibit + "B, " + (en ? "page 2 of 2" : "página 2 de 2"));
    // C: a recording cannot be printed: its cover sheet says how to get and verify it.
    int c = b + 3;
    assertThat(pages.get(c).text().replace('\n', ' '))
        .contains(exhibit + "C")
        .contains("voicemail.mp3")
        .contains("SHA-256: " + recording.path("sha256").asText())
        .contains(en ? "provided separately" : "Se entrega por separado")
        .contains("sha256sum");
    assertThat(pages.get(c).images()).isZero();

    // The checklist says what is really inside; what is not is on the to-do list.
    String last = pages.get(pages.size() - 1).text();
    String checklist =
        String.join(
            "\n", pages.subList(c + 1, pages.size()).stream().map(PdfPages.Page::text).toList());
    assertThat(checklist)
        .contains("[x]  " + (en ? "Cover Page" : "Portada"))
        .contains("[x]  " + (en ? "Evidence Index" : "Índice de pruebas"))
        .contains("[ ]  " + (en ? "Exhibits" : "Anexos"))
        .contains("[x]  " + (en ? "Timeline" : "Cronología"))
        .contains("[ ]  " + (en ? "Witness Statements" : "Declaraciones de testigos"))
        .contains(
            en ? "Bring Exhibit C (voicemail.mp3) separately" : "Lleve el Anexo C (voicemail.mp3)");
    assertThat(last).contains("/s/ María Núñez");
    assertThat(last).contains(en ? "I prepared this packet" : "Preparé este expediente");

    // Page counts: the same packet without exhibits, plus a cover sheet each, one page for the
    // photo and the lease's two pages.
    int without = PdfPages.of(pdf(bare)).size();
    assertThat(pages).hasSize(without + 2 + 3 + 1);

    // The text twin lists the same cover sheets, in the same order.
    String twin = text(saved);
    assertThat(twin.indexOf(exhibit + "A"))
        .isPositive()
        .isLessThan(twin.indexOf(exhibit + "B\n"))
        .isLessThan(twin.indexOf(exhibit + "C\n"));

    PdfPages.png(bytes, SCREENSHOTS, "i17-filing-packet-" + language, DPI);
  }

  @Test
  void aPacketOfPicturesAndPdfsHasEveryPageOfEach() throws IOException {
    JsonNode png =
        user.uploadFile(
            "screenshot.png",
            java.util.Base64.getDecoder()
                .decode(
                    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg=="));
    JsonNode threePages = user.uploadFile("notice.pdf", ExhibitSamples.pdf("Notice", 3));
    JsonNode second = user.uploadFile("kitchen.jpg", ExhibitSamples.photo("Kitchen", 900, 1200));
    Map<String, String> fields = FormSamples.signed("filing_packet");
    int without = PdfPages.of(pdf(save("filing_packet", "en", fields))).size();
    List<PdfPages.Page> pages =
        PdfPages.of(
            pdf(
                save(
                    "filing_packet",
                    "en",
                    fields,
                    "exhibits",
                    png.path("doc_id").asText(),
                    "exhibits",
                    threePages.path("doc_id").asText(),
                    "exhibits",
                    second.path("doc_id").asText())));
    // 3 cover sheets + 1 picture + 3 pages + 1 picture.
    assertThat(pages).hasSize(without + 3 + 1 + 3 + 1);
    assertThat(pages.stream().mapToInt(PdfPages.Page::images).sum()).isEqualTo(2);
    assertThat(pages.stream().filter(p -> p.text().contains("Notice page")).count()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es"})
  void aRepairRequestIsAPlainLetterWithItsPhotosAsExhibits(String language) throws IOException {
    boolean en = language.equals("en");
    Map<String, String> fields = FormSamples.signed("repair_request");
    fields.put("earlier_notices", "By phone on October 3 and by text message on November 12.");
    if (!en) {
      fields.put(
          "problems",
          "El techo del baño gotea cuando llueve, desde el 2 de octubre; el techo está manchado y"
              + " el piso mojado.\n\nLa calefacción del dormitorio no funciona desde el 10 de"
              + " noviembre; mis hijos duermen en la sala.");
      fields.put(
          "earlier_notices", "Por teléfono el 3 de octubre y por mensaje el 12 de noviembre.");
    }
    fields.put("local_law", "Springfield Municipal Code § 10-1 (added by a legal-aid worker)");
    JsonNode saved =
        save("repair_request", language, fields, "photos", photo.path("doc_id").asText());
    byte[] bytes = pdf(saved);
    List<PdfPages.Page> pages = PdfPages.of(bytes);
    String letter = pages.get(0).text();
    assertThat(letter)
        .contains(en ? "Request for Repairs" : "Solicitud de reparaciones")
        .contains(en ? "November 30, 2026" : "30 de noviembre de 2026")
        .contains(en ? "Dear Acme Rentals," : "Estimado/a Acme Rentals:")
        .contains("1. ")
        .contains("2. ")
        .contains("Springfield Municipal Code § 10-1");
    String all = PdfText.of(bytes);
    assertThat(all.replace("\n", " "))
        .contains(
            en
                ? "within 14 days of this letter, that is by December 14, 2026"
                : "dentro de 14 días a partir de esta carta, es decir, a más tardar el 14 de diciembre de 2026")
        .contains(
            en
                ? "I enclose a photo of the problems (Exhibit A)"
                : "Adjunto una foto de los problemas (Anexo A)");
    int signed = pageWith(pages, "/s/ María Núñez");
    assertThat(pages.get(signed).text())
        .contains(
            en
                ? "Please answer this letter in writing"
                : "Por favor responda a esta carta por escrito");
    int cover = pageWith(pages, "bathroom-ceiling.jpg");
    assertThat(cover).isGreaterThan(signed);
    assertThat(pages.get(cover + 1).images()).isEqualTo(1);
    assertThat(pages).hasSize(cover + 2);
    for (PdfPages.Page page : pages) {
      assertThat(body(page.text())).doesNotContainPattern("\\b\\d{4}-\\d{2}-\\d{2}\\b");
    }
    PdfPages.png(bytes, SCREENSHOTS, "i17-repair-request-" + language, DPI);
  }

  @Test
  void aDeadlineOutsideOneToNinetyDaysIsRefused() {
    Map<String, String> fields = FormSamples.signed("repair_request");
    fields.put("deadline_days", "0");
    HttpResponse<String> response =
        FormPosts.asProgram(
            server, user.token(), "/resources/repair_request_save", FormPosts.fields(fields));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(VaultUser.json(response.body()).path("fields").path("deadline_days").asText())
        .isEqualTo("Enter a number of days from 1 to 90");
    assertThat(server.getHtml("/resources/repair_request").body()).contains("value=\"14\"");
  }

  @Test
  void savingARepairRequestOffersToRecordItAsSentAndToLogItsDeadline() {
    String before = server.get("/metrics").body();
    var browser = server.browser();
    browser.post(
        "/vault/open", Map.of("user_token", user.token(), "csrf_token", browser.csrfToken("/")));
    Map<String, String> fields = new LinkedHashMap<>(FormSamples.signed("repair_request"));
    HttpResponse<String> saved =
        browser.submit("/resources/repair_request", "/resources/repair_request_save", fields);
    assertThat(saved.statusCode()).isEqualTo(303);
    String vault = browser.follow(saved).body();
    java.util.regex.Matcher sent =
        java.util.regex.Pattern.compile(
                "href=\"/certified_post\\?related_doc_id=(d_[0-9a-z]{22})\"")
            .matcher(vault);
    assertThat(sent.find()).as(vault).isTrue();
    String pdfId = sent.group(1);
    assertThat(vault)
        .contains("Record when and how you sent it")
        .contains("Add the repair deadline to your logbook")
        .contains("href=\"/logbook?type=deadline&amp;date=2026-12-14&amp;title=");

    String tracker = browser.get("/certified_post?related_doc_id=" + pdfId).body();
    assertThat(tracker).containsPattern("<option value=\"" + pdfId + "\" selected");
    String logbook =
        browser
            .get(
                "/logbook?type=deadline&date=2026-12-14&title=Repair%20deadline%20(letter%20of%20November%2030%2C%202026)")
            .body();
    assertThat(logbook)
        .contains("value=\"2026-12-14\"")
        .containsPattern("<option value=\"deadline\" selected")
        .contains("value=\"Repair deadline (letter of November 30, 2026)\"");

    String events = server.awaitLog("events.log", "\"event\":\"repair_request_saved\"");
    assertThat(events)
        .containsPattern("\"event\":\"repair_request_saved\"[^\\n]*\"doc_id\":\"" + pdfId + "\"");
    JsonNode entries = VaultUser.json(user.get("/logbook").body()).path("events");
    boolean linked = false;
    for (JsonNode entry : entries) {
      linked |=
          pdfId.equals(entry.path("linkedDocId").asText())
              && "repair_request".equals(entry.path("source").asText());
    }
    assertThat(linked).as(entries.toString()).isTrue();
    assertThat(metric(server.get("/metrics").body())).isGreaterThan(metric(before));
  }

  private static double metric(String metrics) {
    return metrics
        .lines()
        .filter(l -> l.startsWith("documents_saved_total "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1)))
        .findFirst()
        .orElse(0);
  }
}

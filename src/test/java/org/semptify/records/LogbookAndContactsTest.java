package org.semptify.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** The logbook, its calendar export, and contacts. */
class LogbookAndContactsTest {
  @TempDir Path root;

  @Test
  void theCalendarParsesBackWithEscapingAndFoldingIntact() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      RecordsClient client = new RecordsClient(server, user);
      String title =
          "Hearing; bring lease, receipts \\ photos — audiencia en el juzgado número 3, sala 12 王小明";
      String notes = "Line one, with comma;\nline two \\ backslash";
      client.created(
          "/logbook",
          Map.of(
              "date", "2026-04-02",
              "time", "09:30",
              "title", title,
              "type", "court",
              "location", "Courthouse, Room 4",
              "notes", notes));
      client.created(
          "/logbook", Map.of("date", "2026-03-01", "title", "Heater fixed", "type", "maintenance"));

      HttpResponse<String> first = user.get("/logbook.ics");
      assertThat(first.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/calendar");
      String ics = first.body();
      for (String line : ics.split("\r\n")) {
        assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
      }
      assertThat(ics)
          .contains("PRODID:-//Semptify//Tenant logbook//EN")
          .endsWith("END:VCALENDAR\r\n");

      Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
      List<VEvent> events = calendar.getComponents("VEVENT");
      assertThat(events).hasSize(2);
      VEvent allDay = events.get(0);
      assertThat(allDay.getSummary().getValue()).isEqualTo("Heater fixed");
      assertThat(allDay.getDateTimeStart().getValue()).isEqualTo("20260301");
      assertThat(
              allDay
                  .getProperty(Property.DTSTART)
                  .orElseThrow()
                  .getParameter("VALUE")
                  .orElseThrow()
                  .getValue())
          .isEqualTo("DATE");
      VEvent hearing = events.get(1);
      assertThat(hearing.getSummary().getValue()).isEqualTo(title);
      assertThat(hearing.getDateTimeStart().getValue()).isEqualTo("20260402T093000");
      assertThat(hearing.getLocation().getValue()).isEqualTo("Courthouse, Room 4");
      assertThat(hearing.getDescription().getValue()).contains(notes);
      assertThat(hearing.getUid().orElseThrow().getValue()).endsWith("@semptify");
      assertThat(hearing.getDateTimeStamp().getValue()).endsWith("Z");

      String uids = uids(ics);
      assertThat(uids(user.get("/logbook.ics").body())).isEqualTo(uids);
    }
  }

  private static String uids(String ics) {
    return ics.lines().filter(l -> l.startsWith("UID:")).reduce("", String::concat);
  }

  @Test
  void entriesAreChronologicalAndNearDeadlinesAreMarkedInWords() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      RecordsClient client = new RecordsClient(server, user);
      String soon = LocalDate.now(ZoneOffset.UTC).plusDays(3).toString();
      String later = LocalDate.now(ZoneOffset.UTC).plusDays(60).toString();
      client.created("/logbook", Map.of("date", later, "title", "Lease ends", "type", "deadline"));
      client.created("/logbook", Map.of("date", soon, "title", "Answer due", "type", "deadline"));
      client.created(
          "/logbook", Map.of("date", "2025-12-01", "title", "Moved in", "type", "other"));
      JsonNode events = client.get("/logbook").path("events");
      assertThat(events.get(0).path("title").asText()).isEqualTo("Moved in");
      assertThat(events.get(1).path("title").asText()).isEqualTo("Answer due");
      Browser browser = server.browser();
      browser.post(
          "/vault/open", Map.of("user_token", user.token(), "csrf_token", browser.csrfToken("/")));
      String page = browser.get("/logbook").body();
      assertThat(page)
          .contains("<strong>Upcoming:</strong> Answer due")
          .doesNotContain("<strong>Upcoming:</strong> Lease ends");

      HttpResponse<String> noTitle = client.post("/logbook", Map.of("date", soon, "type", "other"));
      assertThat(noTitle.statusCode()).isEqualTo(400);
      HttpResponse<String> badTime =
          client.post(
              "/logbook", Map.of("date", soon, "title", "x", "type", "other", "time", "25:99"));
      assertThat(badTime.statusCode()).isEqualTo(400);
      assertThat(badTime.body()).contains("Enter a time like 09:30");
    }
  }

  @Test
  void logbookEditAndDeleteAreAudited() {
    try (TestServer server = TestServer.start(root)) {
      RecordsClient client = new RecordsClient(server, VaultUser.register(server));
      String id =
          client
              .created(
                  "/logbook",
                  Map.of("date", "2026-01-01", "title", "Call", "type", "communication"))
              .path("id")
              .asText();
      assertThat(
              client
                  .post(
                      "/logbook/" + id,
                      Map.of("date", "2026-01-02", "title", "Call back", "type", "communication"))
                  .statusCode())
          .isEqualTo(200);
      assertThat(client.get("/logbook").path("events").get(0).path("title").asText())
          .isEqualTo("Call back");
      assertThat(client.post("/logbook/" + id + "/delete", Map.of()).statusCode()).isEqualTo(200);
      JsonNode audit = client.get("/records/audit").path("audit");
      assertThat(audit.get(1).path("changes").path("title").asText()).isEqualTo("Call → Call back");
      assertThat(audit.get(0).path("action").asText()).isEqualTo("logbook.delete");
    }
  }

  @Test
  void savingASignedDocumentAddsALinkedLogbookEntry() {
    try (TestServer server = TestServer.start(root)) {
      RecordsClient client = new RecordsClient(server, VaultUser.register(server));
      JsonNode saved =
          client.created(
              "/resources/witness_statement_save",
              Map.of(
                  "full_name", "Ana",
                  "contact", "ana@example.org",
                  "statement", "I saw the notice taped to the door.",
                  "date", "2026-03-05",
                  "sig_name", "Ana",
                  "sig_consented", "yes"));
      JsonNode entry = client.get("/logbook").path("events").get(0);
      assertThat(entry.path("date").asText()).isEqualTo("2026-03-05");
      assertThat(entry.path("title").asText()).isEqualTo("Witness statement saved");
      assertThat(entry.path("source").asText()).isEqualTo("witness_statement");
      assertThat(entry.path("linkedDocId").asText(entry.path("linked_doc_id").asText()))
          .isEqualTo(saved.path("pdf").path("doc_id").asText());
    }
  }

  @Test
  void contactsNeedANameAndAreSortedByName() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      RecordsClient client = new RecordsClient(server, user);
      HttpResponse<String> nameless =
          client.post("/contacts", Map.of("role", "landlord", "phone", "555"));
      assertThat(nameless.statusCode()).isEqualTo(400);
      assertThat(VaultUser.json(nameless.body()).path("error").asText())
          .isEqualTo("Name is required");

      client.created("/contacts", Map.of("name", "zoe Landlord", "role", "landlord"));
      String id =
          client
              .created(
                  "/contacts",
                  Map.of("name", "Álvaro Attorney", "role", "attorney", "email", "a@example.org"))
              .path("id")
              .asText();
      client.created("/contacts", Map.of("name", "Bea Manager", "role", "property_manager"));
      JsonNode contacts = client.get("/contacts").path("contacts");
      assertThat(contacts.findValuesAsText("name"))
          .containsExactly("Álvaro Attorney", "Bea Manager", "zoe Landlord");
      assertThat(contacts.get(1).path("role").asText()).isEqualTo("property manager");

      assertThat(
              client
                  .post("/contacts/" + id, Map.of("name", "Álvaro Abogado", "role", "attorney"))
                  .statusCode())
          .isEqualTo(200);
      assertThat(client.post("/contacts", Map.of("name", "X", "role", "wizard")).statusCode())
          .isEqualTo(400);
      assertThat(
              client.post("/contacts", Map.of("name", "X", "email", "not-an-email")).statusCode())
          .isEqualTo(400);
      assertThat(client.post("/contacts/" + id + "/delete", Map.of()).statusCode()).isEqualTo(200);
      assertThat(client.get("/contacts").path("contacts")).hasSize(2);

      Browser browser = server.browser();
      browser.post(
          "/vault/open", Map.of("user_token", user.token(), "csrf_token", browser.csrfToken("/")));
      HttpResponse<String> page =
          browser.submit("/contacts", "/contacts", Map.of("name", "", "phone", "555-0100"));
      assertThat(page.statusCode()).isEqualTo(400);
      assertThat(page.body()).contains("Name is required").contains("value=\"555-0100\"");
    }
  }
}

package org.semptify.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semptify.admin.AdminTestSupport.getWithToken;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.Cli;
import org.semptify.testing.TestServer;

/**
 * Issue 19's incident tooling: {@code semptify events note}, {@code events --format text}, stored
 * lines printed byte for byte, and the dashboard's events page and note form.
 */
class IncidentToolingTest {
  @TempDir Path root;

  @Test
  void aNoteFromTheCommandLineIsStoredScrubbedAndPrinted() throws Exception {
    Cli.Result noted =
        Cli.run(
            root,
            "events",
            "note",
            "rotated everything after password=hunter2 leaked; smpa_AAAAAAAAAAAAAAAAAAAA seen",
            "--id",
            "INC-7");
    assertThat(noted.exitCode()).as(noted.stderr()).isZero();
    String log = Files.readString(root.resolve("logs/events.log"));
    assertThat(log)
        .contains("\"event\":\"incident_note\"")
        .contains("\"incident_id\":\"INC-7\"")
        .contains("\"source\":\"cli\"")
        .contains("password=[redacted]")
        .doesNotContain("hunter2")
        .doesNotContain("smpa_AAAA");

    Cli.Result json = Cli.run(root, "events", "--event", "incident_note");
    assertThat(json.stdout().lines()).hasSize(1);
    assertThat(json.stdout()).contains("rotated everything after password=[redacted]");
    Cli.Result text = Cli.run(root, "events", "--format", "text");
    assertThat(text.exitCode()).isZero();
    assertThat(text.stdout().lines().findFirst().orElseThrow())
        .startsWith("TIME")
        .contains("EVENT")
        .contains("DETAILS");
    assertThat(text.stdout())
        .containsPattern(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\\s+incident_note\\s+-\\s+")
        .contains("text=\"rotated everything after password=[redacted]")
        .contains("incident_id=INC-7 source=cli");

    // Too long, empty, or a bad incident id: refused, nothing written.
    assertThat(Cli.run(root, "events", "note", "x".repeat(1001)).exitCode()).isEqualTo(1);
    assertThat(Cli.run(root, "events", "note", "  ").exitCode()).isEqualTo(1);
    assertThat(Cli.run(root, "events", "note", "ok", "--id", "a b").exitCode()).isEqualTo(1);
    assertThat(Cli.run(root, "events", "--format", "yaml").exitCode()).isEqualTo(1);
    assertThat(Cli.run(root, "events", "--event", "incident_note").stdout().lines()).hasSize(1);
    assertThat(Cli.run(root, "events", "note", "x".repeat(1000)).exitCode()).isZero();
  }

  @Test
  void storedTimestampsRoundTripByteForByte() throws Exception {
    Path log = root.resolve("logs/events.log");
    Files.createDirectories(log.getParent());
    // Forms a double would rewrite: trailing zeros, many digits, an exponent-sized value.
    String stored =
        "{\"ts\":1796048730.213,\"event\":\"server_started\",\"request_id\":null,\"payload\":{\"mode\":\"open\"}}\n"
            + "{\"ts\":1796048730.100,\"event\":\"incident_note\",\"request_id\":null,\"payload\":{\"text\":\"n\\u00e9 \\\"q\\\"\",\"source\":\"cli\"}}\n"
            + "{\"ts\":1796048731.000,\"event\":\"server_stopped\",\"request_id\":\"abc\",\"payload\":{}}\n";
    Files.writeString(log, stored, StandardCharsets.UTF_8);
    Cli.Result printed = Cli.run(root, "events");
    assertThat(printed.exitCode()).isZero();
    assertThat(printed.stdout().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(stored.getBytes(StandardCharsets.UTF_8));
    assertThat(printed.stdout()).doesNotContain("E9");
    assertThat(Cli.run(root, "events", "--format", "text").stdout())
        .contains("2026-11-30T")
        .contains("incident_note");
  }

  @Test
  void theEventsPageFiltersPaginatesAndTakesNotes() throws Exception {
    String operator = Cli.createAdminToken(root, "--id", "oncall", "--role", "operator");
    String auditor = Cli.createAdminToken(root, "--id", "review", "--role", "auditor");
    assertThat(Cli.run(root, "events", "note", "started looking", "--id", "INC-9").exitCode())
        .isZero();
    try (TestServer server = TestServer.start(root)) {
      Browser browser = server.browser();
      browser.get("/admin?token=" + operator);
      HttpResponse<String> added =
          browser.submit(
              "/admin/events",
              "/admin/events/note",
              Map.of("text", "blocked 203.0.113.9 at the proxy", "incident_id", "INC-9"));
      assertThat(added.statusCode()).isEqualTo(303);
      assertThat(added.headers().firstValue("Location")).hasValue("/admin/events");
      // Also from the dashboard's form.
      assertThat(
              browser
                  .submit("/admin", "/admin/events/note", Map.of("text", "from the dashboard"))
                  .statusCode())
          .isEqualTo(303);
      assertThat(browser.submit("/admin", "/admin/events/note", Map.of("text", "")).statusCode())
          .isEqualTo(400);

      String page = browser.get("/admin/events?event=incident_note").body();
      int dashboardNote = page.indexOf("from the dashboard");
      int webNote = page.indexOf("blocked 203.0.113.9 at the proxy");
      int cliNote = page.indexOf("started looking");
      assertThat(dashboardNote).as("newest first").isPositive().isLessThan(webNote);
      assertThat(webNote).isLessThan(cliNote);
      assertThat(page)
          .contains("an operator's note on an incident")
          .contains("<dt>actor_token_id</dt><dd>oncall</dd>")
          .contains("<dt>source</dt><dd>admin</dd>")
          .contains("<dt>source</dt><dd>cli</dd>")
          .doesNotContain("<strong>admin_auth</strong>");

      // The notes show in `semptify events` too.
      assertThat(Cli.run(root, "events", "--event", "incident_note").stdout())
          .contains("blocked 203.0.113.9 at the proxy")
          .contains("\"actor_token_id\":\"oncall\",\"source\":\"admin\"")
          .contains("from the dashboard");

      // The same filters as the CLI: token id, request id, ip, time range.
      assertThat(browser.get("/admin/events?token_id=review").body())
          .doesNotContain("<strong>incident_note</strong>");
      assertThat(browser.get("/admin/events?ip=127.0.0.1&event=admin_auth").body())
          .contains("<strong>admin_auth</strong>");
      assertThat(browser.get("/admin/events?since=2999-01-01T00:00:00Z").body())
          .contains("No event matches these filters.");
      assertThat(browser.get("/admin/events?since=yesterday").body())
          .contains("A time must look like 2026-11-01T00:00:00Z")
          .contains("<strong>incident_note</strong>");
      String requestId =
          Cli.run(root, "events", "--event", "incident_note", "--token-id", "oncall")
              .stdout()
              .lines()
              .findFirst()
              .orElseThrow()
              .replaceAll(".*\"request_id\":\"([0-9a-f]+)\".*", "$1");
      assertThat(browser.get("/admin/events?request_id=" + requestId).body())
          .contains("blocked 203.0.113.9")
          .doesNotContain("from the dashboard");

      // An auditor reads the page but gets no note form, and cannot post one.
      String forAuditor = getWithToken(server, "/admin/events", auditor).body();
      assertThat(forAuditor)
          .contains("blocked 203.0.113.9")
          .doesNotContain("action=\"/admin/events/note\"");
      // No secret is ever shown: neither token appears in any page.
      assertThat(page).doesNotContain(operator).doesNotContain(auditor);
    }
  }

  @Test
  void theEventsPageIsPaginated() throws Exception {
    String owner = Cli.createAdminToken(root, "--id", "boss");
    for (int i = 1; i <= 55; i++) {
      Cli.run(root, "events", "note", "note number " + i + ".");
    }
    try (TestServer server = TestServer.start(root)) {
      String first = getWithToken(server, "/admin/events?event=incident_note", owner).body();
      assertThat(first)
          .contains("note number 55.")
          .contains("note number 6.")
          .doesNotContain("note number 5.")
          .contains("href=\"/admin/events?event=incident_note&amp;page=2\"")
          .doesNotContain("page=0");
      String second =
          getWithToken(server, "/admin/events?event=incident_note&page=2", owner).body();
      assertThat(second)
          .contains("note number 5.")
          .contains("note number 1.")
          .doesNotContain("note number 6.")
          .contains("href=\"/admin/events?event=incident_note&amp;page=1\"")
          .doesNotContain("page=3");
    }
  }
}

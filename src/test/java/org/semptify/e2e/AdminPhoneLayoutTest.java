package org.semptify.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.crypto.Tokens;
import org.semptify.testing.Cli;
import org.semptify.testing.RequiresTool;
import org.semptify.testing.TestServer;

/**
 * Issue 19: the admin pages (dashboard, events page, a 403 page) in Chromium at 390×844 with long
 * ids, request ids and notes: nothing scrolls sideways, and axe finds no serious violation.
 */
@RequiresTool(value = BrowserSession.CHROMIUM_PATH, install = "apt-get install chromium")
@RequiresTool(value = BrowserSession.CHROMEDRIVER_PATH, install = "apt-get install chromium-driver")
@RequiresTool(
    value = BrowserSession.AXE_PATH,
    executable = false,
    install = "npm ci --prefix src/test/e2e")
class AdminPhoneLayoutTest {
  @TempDir Path root;

  @Test
  void theAdminPagesDoNotScrollSidewaysOnAPhone() throws Exception {
    String longId = "incident-response-operator-on-call-" + "x".repeat(28);
    String owner = Cli.createAdminToken(root, "--id", longId);
    String auditor = Cli.createAdminToken(root, "--id", "review", "--role", "auditor");
    Cli.createAdminToken(root, "--id", "oncall", "--role", "operator", "--expires-in", "30");
    Files.writeString(
        root.resolve("security/users.json"),
        "[{\"id\": \"u-0123456789abcdef0123456789abcdef\", \"hash\": \""
            + Tokens.hash("user-token")
            + "\", \"created_ts\": 1700000000, \"enabled\": true}]");
    Cli.run(
        root,
        "events",
        "note",
        "https://example.org/" + "a".repeat(300),
        "--id",
        "INC-2026-11-30-" + "9".repeat(40));
    Cli.run(root, "events", "note", "blocked the address at the proxy");
    try (TestServer server = TestServer.builder(root).env("SECURITY_MODE", "enforced").start();
        BrowserSession browser =
            new BrowserSession(
                server.uri("/").toString().replaceAll("/$", ""),
                "en",
                root.resolve("profile"),
                "admin-phone")) {
      browser.resize(390, 844);
      browser.open("/admin?token=" + owner);
      browser.waitForPath("/admin");
      for (String page :
          new String[] {
            "/admin",
            "/admin/events",
            "/admin/events?event=incident_note",
            "/admin/events?since=bad"
          }) {
        browser.open(page);
        PhoneLayoutTest.assertNoSidewaysScroll(browser, page);
        browser.checkpoint("owner" + page.replaceAll("[^a-z]+", "-"));
      }
      browser.resize(1366, 900);
      browser.open("/admin/events");
      PhoneLayoutTest.assertNoSidewaysScroll(browser, "/admin/events (desktop)");

      browser.resize(390, 844);
      browser.open("/admin");
      browser.click("form[action='/admin/logout'] button[type=submit]");
      browser.open("/admin?token=" + auditor);
      browser.waitForPath("/admin");
      browser.open("/admin");
      PhoneLayoutTest.assertNoSidewaysScroll(browser, "/admin as auditor");
      browser.checkpoint("auditor-admin");
    }
  }
}

package org.semptify.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.Cli;
import org.semptify.testing.MutableClock;
import org.semptify.testing.TestServer;

/** Admin sessions end after 30 idle minutes and after 12 hours in any case. */
class AdminSessionTimeoutTest {
  @TempDir Path root;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));

  @Test
  void idleAndAbsoluteTimeouts() {
    String token = Cli.createAdminToken(root);
    try (TestServer server =
        TestServer.builder(root).clock(clock).env("ADMIN_RATE_MAX", "0").start()) {
      Browser browser = server.browser();
      browser.get("/admin?token=" + token);
      clock.advance(Duration.ofMinutes(29));
      assertThat(browser.get("/admin").statusCode()).as("29 idle minutes").isEqualTo(200);
      clock.advance(Duration.ofMinutes(31));
      assertThat(browser.get("/admin").statusCode()).as("31 idle minutes").isEqualTo(401);

      Browser busy = server.browser();
      busy.get("/admin?token=" + token);
      for (int step = 1; step <= 28; step++) { // active every 25 minutes: 11 h 40 min
        clock.advance(Duration.ofMinutes(25));
        assertThat(busy.get("/admin").statusCode())
            .as("after %d minutes", step * 25)
            .isEqualTo(200);
      }
      clock.advance(Duration.ofMinutes(25)); // 12 h 05 min: never idle, but past the absolute limit
      assertThat(busy.get("/admin").statusCode()).isEqualTo(401);
    }
  }
}

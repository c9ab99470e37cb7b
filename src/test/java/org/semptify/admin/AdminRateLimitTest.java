package org.semptify.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semptify.admin.AdminTestSupport.getWithToken;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Cli;
import org.semptify.testing.MutableClock;
import org.semptify.testing.TestServer;

/** ADMIN_RATE_* over HTTP, with a clock the test moves. */
class AdminRateLimitTest {
  @TempDir Path root;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));

  @Test
  void guessingIsThrottledPerClientAndRouteUntilTheWindowSlides() {
    String token = Cli.createAdminToken(root);
    try (TestServer server =
        TestServer.builder(root)
            .clock(clock)
            .env("ADMIN_RATE_WINDOW", "60")
            .env("ADMIN_RATE_MAX", "3")
            .start()) {
      for (int i = 0; i < 3; i++) {
        assertThat(getWithToken(server, "/admin/status", "guess-" + i).statusCode()).isEqualTo(401);
      }
      HttpResponse<String> limited = getWithToken(server, "/admin/status", token);
      assertThat(limited.statusCode()).as("even the right token waits").isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).hasValue("60");
      assertThat(limited.body())
          .contains("\"error\":\"rate_limited\"")
          .contains("\"retry_after\":60");
      assertThat(server.eventsLog())
          .contains("\"event\":\"rate_limited\"")
          .contains("\"path\":\"/admin/status\"");
      assertThat(server.get("/metrics").body()).contains("rate_limited_total 1.0");

      assertThat(getWithToken(server, "/admin", token).statusCode())
          .as("another route has its own window")
          .isEqualTo(200);

      clock.advance(Duration.ofSeconds(59));
      assertThat(getWithToken(server, "/admin/status", token).statusCode()).isEqualTo(429);
      clock.advance(Duration.ofSeconds(1));
      assertThat(getWithToken(server, "/admin/status", token).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void statusAndRetryAfterAreConfigurable() {
    try (TestServer server =
        TestServer.builder(root)
            .clock(clock)
            .env("ADMIN_RATE_MAX", "1")
            .env("ADMIN_RATE_STATUS", "503")
            .env("ADMIN_RATE_RETRY_AFTER", "7")
            .start()) {
      getWithToken(server, "/admin/status", "x");
      HttpResponse<String> limited = getWithToken(server, "/admin/status", "x");
      assertThat(limited.statusCode()).isEqualTo(503);
      assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
    }
  }

  @Test
  void zeroMaxDisablesTheLimit() {
    try (TestServer server =
        TestServer.builder(root).clock(clock).env("ADMIN_RATE_MAX", "0").start()) {
      for (int i = 0; i < 100; i++) {
        assertThat(getWithToken(server, "/admin/status", "x").statusCode()).isEqualTo(401);
      }
    }
  }

  @Test
  void nonAdminRoutesAreNotLimited() {
    try (TestServer server =
        TestServer.builder(root).clock(clock).env("ADMIN_RATE_MAX", "1").start()) {
      for (int i = 0; i < 5; i++) {
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
      }
    }
  }
}

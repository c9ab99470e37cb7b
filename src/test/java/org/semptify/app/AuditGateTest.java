package org.semptify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semptify.app.ServerTestSupport.json;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.TestServer;

/** When the events log cannot be written, state-changing requests answer 503 and change nothing. */
class AuditGateTest {
  @TempDir Path root;

  @Test
  void stateChangingRequestsFailClosedUntilTheLogIsWritableAgain() throws Exception {
    AtomicInteger actionsPerformed = new AtomicInteger();
    try (TestServer server =
        TestServer.builder(root)
            .env("SECURITY_MODE", "open") // no CSRF token needed: this test is about the gate
            .extraRoutes(
                routes ->
                    routes.post(
                        "/test/action",
                        ctx -> ctx.result("done " + actionsPerformed.incrementAndGet())))
            .start()) {
      assertThat(server.post("/test/action", "").statusCode()).isEqualTo(200);

      Path events = root.resolve("logs/events.log");
      Files.setPosixFilePermissions(events, PosixFilePermissions.fromString("r--------"));
      HttpResponse<String> refused = server.post("/test/action", "");
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(json(refused.body()).get("error").asText()).contains("events log unavailable");
      assertThat(actionsPerformed.get()).as("the action did not run").isEqualTo(1);
      assertThat(server.get("/health").statusCode()).as("reads still work").isEqualTo(200);
      assertThat(server.get("/readyz").statusCode()).isEqualTo(503);

      Files.setPosixFilePermissions(events, PosixFilePermissions.fromString("rw-------"));
      assertThat(server.post("/test/action", "").statusCode()).isEqualTo(200);
      assertThat(server.get("/readyz").statusCode()).isEqualTo(200);
      assertThat(actionsPerformed.get()).isEqualTo(2);
    }
  }

  @Test
  void aLogFolderReplacedByAFileAlsoFailsClosed() throws Exception {
    try (TestServer server =
        TestServer.builder(root)
            .env("SECURITY_MODE", "open") // no CSRF token needed: this test is about the gate
            .extraRoutes(routes -> routes.delete("/test/action", ctx -> ctx.result("done")))
            .start()) {
      Path events = root.resolve("logs/events.log");
      Files.delete(events);
      Files.createDirectory(events); // a path that can never be appended to, even by root
      assertThat(server.send(server.request("/test/action").DELETE().build()).statusCode())
          .isEqualTo(503);
      Files.delete(events);
      assertThat(server.send(server.request("/test/action").DELETE().build()).statusCode())
          .isEqualTo(200);
    }
  }
}

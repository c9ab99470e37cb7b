package org.semptify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** HEAD is GET without the body: same status, same authentication, same rate limit. */
class HeadRequestsTest {
  @TempDir Path root;

  @Test
  void headAnswersAsGetWouldWithoutTheBody() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      for (String path :
          List.of(
              "/",
              "/health",
              "/admin",
              "/admin/status",
              "/vault",
              "/vault/export",
              "/api/vault",
              "/ledger",
              "/nope")) {
        HttpResponse<String> get = server.get(path);
        HttpResponse<String> head = head(server, path, null);
        assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode());
        assertThat(head.body()).as(path).isEmpty();
        assertThat(head.headers().firstValue("Content-Type"))
            .as(path)
            .isEqualTo(get.headers().firstValue("Content-Type"));
      }
      assertThat(head(server, "/admin", null).statusCode()).isEqualTo(401);
      assertThat(head(server, "/vault/export", null).statusCode()).isEqualTo(401);
      assertThat(server.eventsLog()).contains("\"event\":\"user_auth_failed\"");

      HttpResponse<String> export = head(server, "/vault/export", user.token());
      assertThat(export.statusCode()).isEqualTo(200);
      assertThat(export.headers().firstValue("Content-Type")).hasValue("application/zip");
      assertThat(export.body()).isEmpty();
      assertThat(head(server, "/vault/export", "smpu_wrong").statusCode()).isEqualTo(401);
      assertThat(head(server, "/static/semptify.css", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void headCountsAgainstTheAdminRateLimit() {
    try (TestServer server = TestServer.builder(root).env("ADMIN_RATE_MAX", "2").start()) {
      assertThat(head(server, "/admin/status", null).statusCode()).isEqualTo(401);
      assertThat(head(server, "/admin/status", null).statusCode()).isEqualTo(401);
      HttpResponse<String> limited = head(server, "/admin/status", null);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();
      assertThat(server.get("/admin/status").statusCode()).isEqualTo(429);
    }
  }

  private static HttpResponse<String> head(TestServer server, String path, String userToken) {
    HttpRequest.Builder request =
        server.request(path).method("HEAD", HttpRequest.BodyPublishers.noBody());
    if (userToken != null) {
      request.header("X-User-Token", userToken);
    }
    return server.send(request.build());
  }
}

package org.semptify.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.TestServer;

class AccessLogTest {
  @TempDir Path root;

  @Test
  void redactsSecretQueryParametersOnly() {
    assertThat(
            AccessLog.redactQuery(
                "token=abc&x=1&user_token=def&grant_token=g&csrf_token=c&api_key=k"))
        .isEqualTo(
            "token=[redacted]&x=1&user_token=[redacted]&grant_token=[redacted]&csrf_token=[redacted]&api_key=[redacted]");
    assertThat(AccessLog.redactQuery("%74oken=abc")).isEqualTo("%74oken=[redacted]");
    assertThat(AccessLog.redactQuery("plain")).isEqualTo("plain");
  }

  @Test
  void isOffByDefault() {
    try (TestServer server = TestServer.start(root)) {
      server.get("/health");
      assertThat(root.resolve("logs/access.log")).doesNotExist();
    }
  }

  @Test
  void writesOneJsonLinePerRequestWithSecretsRedacted() {
    try (TestServer server = TestServer.builder(root).env("ACCESS_LOG_JSON", "1").start()) {
      HttpResponse<String> response =
          server.send(
              server
                  .request(
                      "/health?token=SECRET1&user_token=SECRET2&grant_token=SECRET3&csrf_token=SECRET4&page=2")
                  .header("X-Admin-Token", "SECRET5")
                  .header("X-User-Token", "SECRET6")
                  .header("Cookie", "session=SECRET7")
                  .build());
      String id = response.headers().firstValue("X-Request-Id").orElseThrow();
      String log = server.awaitLog("access.log", id);
      assertThat(log)
          .contains("\"method\":\"GET\"")
          .contains("\"path\":\"/health\"")
          .contains("\"status\":200")
          .contains("\"ip\":\"127.0.0.1\"")
          .contains("\"duration_ms\":")
          .contains("\"request_id\":\"" + id + "\"")
          .contains("page=2");
      assertThat(server.allLogs()).doesNotContainPattern("SECRET[0-9]");
    }
  }
}

package org.semptify.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.Cli;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** Seed §4 "Vault Access": token sources, sessions, and every way access ends. */
class VaultAccessTest {
  @TempDir Path root;

  @Test
  void theBookmarkedLinkOpensTheVaultAndASessionReplacesTheToken() {
    try (TestServer server = TestServer.builder(root).env("ACCESS_LOG_JSON", "1").start()) {
      VaultUser user = VaultUser.register(server);
      Browser browser = server.browser();
      HttpResponse<String> page = browser.get("/vault?user_token=" + user.token());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("Document Vault").doesNotContain(user.token());
      String cookie =
          page.headers().allValues("Set-Cookie").stream()
              .filter(c -> c.startsWith("semptify_session="))
              .reduce((a, b) -> b)
              .orElseThrow();
      assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain(user.token());

      HttpResponse<String> again = browser.get("/vault");
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.body()).doesNotContain("user_token=");
      server.awaitLog("access.log", "/vault");
      assertThat(server.allLogs()).doesNotContain(user.token());
    }
  }

  @Test
  void headerAndFormTokensWork() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      assertThat(user.get("/api/vault").statusCode()).isEqualTo(200);
      Browser browser = server.browser();
      HttpResponse<String> open =
          browser.submit("/vault", "/vault/open", Map.of("user_token", user.token()));
      assertThat(open.statusCode()).isEqualTo(303);
      assertThat(browser.get("/vault").body()).contains("Document Vault");
    }
  }

  @Test
  void missingOrBadTokensAre401WithoutTokenMaterialInTheLog() {
    try (TestServer server = TestServer.start(root)) {
      HttpResponse<String> api = server.get("/api/vault");
      assertThat(api.statusCode()).isEqualTo(401);
      assertThat(api.body()).contains("\"error\":\"unauthorized\"");
      HttpResponse<String> page = server.getHtml("/vault?user_token=smpu_wrongwrongwrong");
      assertThat(page.statusCode()).isEqualTo(401);
      assertThat(page.body()).contains("name=\"user_token\"").doesNotContain("smpu_wrong");
      assertThat(server.eventsLog())
          .contains("\"event\":\"user_auth_failed\"")
          .doesNotContain("smpu_wrong");
    }
  }

  @Test
  void disablingOrExpiringAnAccountEndsItsAccessAndSessionsAtOnce() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      Browser browser = server.browser();
      browser.get("/vault?user_token=" + user.token());
      String id =
          Cli.run(root, "user", "list")
              .stdout()
              .lines()
              .skip(1)
              .findFirst()
              .orElseThrow()
              .split("\\s+")[0];

      assertThat(Cli.run(root, "user", "disable", id).exitCode()).isZero();
      assertThat(user.get("/api/vault").statusCode()).isEqualTo(401);
      assertThat(browser.get("/vault").statusCode()).isEqualTo(401);

      Cli.run(root, "user", "enable", id);
      assertThat(user.get("/api/vault").statusCode()).isEqualTo(200);

      Cli.run(root, "user", "expire", id, "--at", "2020-01-01T00:00:00Z");
      assertThat(user.get("/api/vault").statusCode()).isEqualTo(401);

      Path file = root.resolve("security/users.json");
      Files.writeString(
          file,
          Files.readString(file).replaceAll("\"expires_ts\":[0-9]+", "\"expires_ts\":4102444800"));
      assertThat(user.get("/api/vault").statusCode()).as("hand edit").isEqualTo(200);
    }
  }

  @Test
  void failedAttemptsAreLimitedPerAddress() {
    try (TestServer server = TestServer.builder(root).env("SEMPTIFY_AUTH_FAIL_MAX", "3").start()) {
      VaultUser user = VaultUser.register(server);
      for (int i = 0; i < 3; i++) {
        assertThat(
                server
                    .send(
                        server
                            .request("/api/vault")
                            .header("X-User-Token", "guess" + i)
                            .GET()
                            .build())
                    .statusCode())
            .isEqualTo(401);
      }
      HttpResponse<String> limited =
          server.send(
              server.request("/api/vault").header("X-User-Token", user.token()).GET().build());
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }
  }
}

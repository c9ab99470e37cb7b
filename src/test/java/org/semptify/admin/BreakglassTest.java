package org.semptify.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semptify.admin.AdminTestSupport.getWithToken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semptify.testing.Browser;
import org.semptify.testing.Cli;
import org.semptify.testing.TestServer;

/** The seed's breakglass protocol: one use, consumed on disk first, logged and counted. */
class BreakglassTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path root;

  private JsonNode entry(String id) throws Exception {
    for (JsonNode node : JSON.readTree(root.resolve("security/admin_tokens.json").toFile())) {
      if (node.get("id").asText().equals(id)) {
        return node;
      }
    }
    throw new AssertionError("no entry " + id);
  }

  @Test
  void worksOnceAndIsConsumedOnDisk() throws Exception {
    String token = Cli.createAdminToken(root, "--id", "glass", "--breakglass");
    assertThat(entry("glass").get("breakglass").asBoolean()).isTrue();
    try (TestServer server = TestServer.start(root)) {
      HttpResponse<String> first = getWithToken(server, "/admin/status", token);
      assertThat(first.statusCode()).isEqualTo(200);
      JsonNode consumed = entry("glass");
      assertThat(consumed.get("breakglass").asBoolean()).isFalse();
      assertThat(consumed.get("enabled").asBoolean()).isFalse();
      assertThat(consumed.get("used_ts").asLong()).isGreaterThan(1_700_000_000L);

      assertThat(getWithToken(server, "/admin/status", token).statusCode()).isEqualTo(401);
      String requestId = first.headers().firstValue("X-Request-Id").orElseThrow();
      assertThat(server.eventsLog())
          .contains("\"event\":\"breakglass_used\",\"request_id\":\"" + requestId + "\"")
          .contains("\"token_id\":\"glass\"");
      assertThat(server.get("/metrics").body()).contains("breakglass_used_total 1.0");
      assertThat(server.allLogs()).doesNotContain(token);
    }
  }

  @Test
  void theSessionItsOneUseOpenedLivesOnButTheTokenDoesNot() {
    String token = Cli.createAdminToken(root, "--id", "glass", "--breakglass");
    try (TestServer server = TestServer.start(root)) {
      Browser browser = server.browser();
      assertThat(browser.get("/admin?token=" + token).statusCode()).isEqualTo(303);
      assertThat(browser.get("/admin").statusCode()).isEqualTo(200);
      assertThat(server.browser().get("/admin?token=" + token).statusCode()).isEqualTo(401);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"disable", "revoke-all", "rotate"})
  void disablingRevokingOrRotatingEndsTheSessionItsOneUseOpened(String command) throws Exception {
    String token = Cli.createAdminToken(root, "--id", "glass", "--breakglass");
    Cli.createAdminToken(root, "--id", "ops");
    try (TestServer server = TestServer.start(root)) {
      Browser browser = server.browser();
      assertThat(browser.get("/admin?token=" + token).statusCode()).isEqualTo(303);
      assertThat(browser.get("/admin").statusCode()).isEqualTo(200);
      long usedTs = entry("glass").get("used_ts").asLong();

      Cli.Result result =
          command.equals("revoke-all")
              ? Cli.run(root, "admin-token", command)
              : Cli.run(root, "admin-token", command, "glass");
      assertThat(result.exitCode()).as(result.stderr()).isZero();

      assertThat(browser.get("/admin").statusCode()).as("after " + command).isEqualTo(401);
      assertThat(browser.get("/admin/status").statusCode()).isEqualTo(401);
      assertThat(entry("glass").get("enabled").asBoolean()).isFalse();
      if (!command.equals("rotate")) {
        assertThat(entry("glass").get("used_ts").asLong())
            .as("kept for the audit")
            .isEqualTo(usedTs);
      }
      assertThat(server.browser().get("/admin?token=" + token).statusCode()).isEqualTo(401);
    }
    Cli.Result enable = Cli.run(root, "admin-token", "enable", "glass");
    assertThat(enable.exitCode()).isEqualTo(1);
    assertThat(enable.stderr()).contains("used breakglass token").contains("create a new one");
    try (TestServer server = TestServer.start(root)) {
      assertThat(getWithToken(server, "/admin/status", token).statusCode())
          .as("a spent breakglass entry is never enabled again")
          .isEqualTo(401);
    }
  }

  @Test
  void aSpentBreakglassTokenIsNeverEnabledAgainNorLosesItsUse() throws Exception {
    String token = Cli.createAdminToken(root, "--id", "glass", "--breakglass");
    try (TestServer server = TestServer.start(root)) {
      Browser browser = server.browser();
      assertThat(browser.get("/admin?token=" + token).statusCode()).isEqualTo(303);
      long usedTs = entry("glass").get("used_ts").asLong();

      // Its own session cannot re-enable it from the dashboard.
      HttpResponse<String> fromDashboard =
          browser.submit("/admin", "/admin/tokens/glass/enable", java.util.Map.of());
      assertThat(fromDashboard.statusCode()).isEqualTo(409);
      Cli.Result fromCli = Cli.run(root, "admin-token", "enable", "glass");
      assertThat(fromCli.exitCode()).isEqualTo(1);
      assertThat(entry("glass").get("enabled").asBoolean()).isFalse();
      assertThat(getWithToken(server, "/admin/status", token).statusCode()).isEqualTo(401);

      // Enabled by a hand edit, its value still opens nothing: a used token is spent for good.
      Path file = root.resolve("security/admin_tokens.json");
      Files.writeString(
          file,
          Files.readString(file).replaceFirst("\"enabled\"\\s*:\\s*false", "\"enabled\" : true"));
      assertThat(entry("glass").get("enabled").asBoolean()).isTrue();
      assertThat(getWithToken(server, "/admin/status", token).statusCode()).isEqualTo(401);

      // Rotating it ends its session but keeps the record of its use, and opens nothing.
      Cli.Result rotated = Cli.run(root, "admin-token", "rotate", "glass");
      assertThat(rotated.exitCode()).isZero();
      assertThat(rotated.stderr()).contains("used breakglass token");
      assertThat(entry("glass").get("used_ts").asLong()).isEqualTo(usedTs);
      assertThat(getWithToken(server, "/admin/status", rotated.stdout().strip()).statusCode())
          .isEqualTo(401);
      assertThat(browser.get("/admin").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void revokeAllRetiresEveryOldValueEvenOfDisabledTokens() throws Exception {
    String ops = Cli.createAdminToken(root, "--id", "ops");
    String glass = Cli.createAdminToken(root, "--id", "glass", "--breakglass");
    assertThat(Cli.run(root, "admin-token", "disable", "ops").exitCode()).isZero();
    assertThat(Cli.run(root, "admin-token", "revoke-all").exitCode()).isZero();
    assertThat(Cli.run(root, "admin-token", "enable", "ops").exitCode()).isZero();
    assertThat(Cli.run(root, "admin-token", "enable", "glass").exitCode()).isZero();
    try (TestServer server = TestServer.start(root)) {
      assertThat(getWithToken(server, "/admin/status", ops).statusCode()).isEqualTo(401);
      assertThat(getWithToken(server, "/admin/status", glass).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void aUseThatCannotBeRecordedIsDenied() throws Exception {
    String token = Cli.createAdminToken(root, "--id", "glass", "--breakglass");
    try (TestServer server = TestServer.start(root)) {
      Path security = root.resolve("security");
      java.nio.file.Files.setPosixFilePermissions(
          security, java.nio.file.attribute.PosixFilePermissions.fromString("r-x------"));
      try {
        assertThat(getWithToken(server, "/admin/status", token).statusCode()).isEqualTo(401);
      } finally {
        java.nio.file.Files.setPosixFilePermissions(
            security, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      }
      assertThat(entry("glass").get("breakglass").asBoolean()).as("still unused").isTrue();
      assertThat(getWithToken(server, "/admin/status", token).statusCode())
          .as("usable once it can be recorded")
          .isEqualTo(200);
    }
  }

  @Test
  void sixteenConcurrentUsesGiveExactlyOneSuccess() throws Exception {
    String token = Cli.createAdminToken(root, "--id", "glass", "--breakglass");
    try (TestServer server = TestServer.start(root)) {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return getWithToken(server, "/admin/status", token).statusCode();
                }));
      }
      go.countDown();
      int ok = 0;
      int unauthorized = 0;
      for (Future<Integer> result : results) {
        int status = result.get();
        if (status == 200) {
          ok++;
        } else if (status == 401) {
          unauthorized++;
        }
      }
      pool.shutdown();
      assertThat(ok).isEqualTo(1);
      assertThat(unauthorized).isEqualTo(15);
      assertThat(server.eventsLog().split("\"event\":\"breakglass_used\"", -1)).hasSize(2);
    }
  }
}

package org.semptify.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semptify.testing.CliProcess;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/**
 * {@code semptify user delete ID} killed with SIGKILL after several of its steps: from the key step
 * on, nothing of the vault opens (token, shares), and the server's next start finishes the deletion
 * so that nothing of the user remains but the events log.
 */
class VaultDeletionCrashTest {
  @org.junit.jupiter.api.io.TempDir Path root;

  @ParameterizedTest
  @ValueSource(strings = {"key", "blobs", "files"})
  void aDeletionKilledAfterAStepLeavesNothingReadableAndIsFinishedAtStartUp(String step)
      throws Exception {
    String token;
    List<String> links;
    String id;
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      token = user.token();
      links = VaultDeletionTest.fill(server, user);
      id = VaultDeletionTest.userId(root);
    }

    Process cli =
        CliProcess.start(
            root,
            Map.of(
                "SEMPTIFY_DATA_ROOT",
                root.toString(),
                "JAVA_TOOL_OPTIONS",
                "-D" + VaultDeletion.PAUSE_PROPERTY + "=" + step),
            "user",
            "delete",
            id);
    try {
      cli.getOutputStream().close();
      BufferedReader err =
          new BufferedReader(new InputStreamReader(cli.getErrorStream(), StandardCharsets.UTF_8));
      String line;
      boolean paused = false;
      while ((line = err.readLine()) != null) {
        if (line.contains("paused after step " + step)) {
          paused = true;
          break;
        }
      }
      assertThat(paused).as("the deletion paused after " + step).isTrue();
      cli.destroyForcibly(); // SIGKILL: nothing runs after this point
      assertThat(cli.waitFor(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      cli.destroyForcibly();
    }

    // Half deleted, as the crash left it: the account holds no key any more.
    JsonNode entry = null;
    for (JsonNode user : VaultUser.json(Files.readString(root.resolve("security/users.json")))) {
      if (user.get("id").asText().equals(id)) {
        entry = user;
      }
    }
    assertThat(entry).as("the account entry outlives every step but the last").isNotNull();
    assertThat(entry.has("wrapped_key")).isFalse();
    assertThat(entry.get("enabled").asBoolean()).isFalse();

    try (TestServer server = TestServer.start(root)) {
      assertThat(
              server
                  .send(server.request("/api/vault").header("X-User-Token", token).GET().build())
                  .statusCode())
          .isEqualTo(401);
      for (String link : links) {
        assertThat(server.get(link).statusCode()).as(link).isEqualTo(401);
      }
      assertThat(VaultDeletionTest.tracesOf(root, id))
          .as("start-up finished the deletion")
          .allSatisfy(path -> assertThat(path.toString()).startsWith("logs/events.log"));
      assertThat(
              Files.readAllLines(root.resolve("logs/events.log")).stream()
                  .filter(l -> l.contains("\"vault_deleted\""))
                  .count())
          .as("audited once")
          .isEqualTo(1);
    }
  }
}

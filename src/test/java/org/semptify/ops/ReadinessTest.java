package org.semptify.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semptify.testing.TestServer;

/** /readyz degrades within one request when something breaks, and recovers when it is fixed. */
class ReadinessTest {
  @TempDir Path root;
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(root);
  }

  @AfterEach
  void stop() throws Exception {
    for (String folder : new String[] {"security", "logs", "uploads"}) {
      Files.setPosixFilePermissions(
          root.resolve(folder), PosixFilePermissions.fromString("rwx------"));
    }
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"security", "logs", "uploads"})
  void aReadOnlyFolderDegradesAndRecovers(String folder) throws Exception {
    assertThat(server.get("/readyz").statusCode()).isEqualTo(200);
    Files.setPosixFilePermissions(
        root.resolve(folder), PosixFilePermissions.fromString("r-x------"));

    HttpResponse<String> degraded = server.get("/readyz");
    assertThat(degraded.statusCode()).isEqualTo(503);
    assertThat(degraded.body()).contains("\"status\":\"degraded\"").contains(folder + "_writable");

    Files.setPosixFilePermissions(
        root.resolve(folder), PosixFilePermissions.fromString("rwx------"));
    assertThat(server.get("/readyz").statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin_tokens.json", "users.json"})
  void aGarbageTokenFileDegradesIsNeverTouchedAndRecovers(String file) throws Exception {
    Path path = root.resolve("security").resolve(file);
    byte[] garbage = "{ this is not json ".getBytes();
    Files.write(path, garbage);

    HttpResponse<String> degraded = server.get("/readyz");
    assertThat(degraded.statusCode()).isEqualTo(503);
    assertThat(degraded.body()).contains(file).contains("does not parse");
    assertThat(degraded.body()).doesNotContain("this is not json");
    assertThat(Files.readAllBytes(path)).as("never overwritten to repair").isEqualTo(garbage);

    Files.writeString(path, "[]");
    assertThat(server.get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void infoCarriesTheDegradedSnapshot() throws Exception {
    Files.writeString(root.resolve("security/users.json"), "nope");
    assertThat(server.get("/info").body()).contains("\"status\":\"degraded\"");
  }
}

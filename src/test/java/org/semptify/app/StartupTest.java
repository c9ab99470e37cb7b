package org.semptify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.config.ConfigException;
import org.semptify.testing.TestServer;

/** What start-up creates on disk and what it refuses. */
class StartupTest {
  @TempDir Path root;

  @Test
  void createsRuntimeFoldersWithOwnerOnlySecurity() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      assertThat(root.resolve("logs")).isDirectory();
      assertThat(root.resolve("uploads")).isDirectory();
      assertThat(Files.getPosixFilePermissions(root.resolve("security")))
          .isEqualTo(PosixFilePermissions.fromString("rwx------"));
      Path key = root.resolve("security/session.key");
      assertThat(Files.getPosixFilePermissions(key))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(Files.readString(key).strip()).hasSizeGreaterThanOrEqualTo(43);
      String init = Files.readString(root.resolve("logs/init.log"));
      assertThat(init)
          .contains("security mode: enforced")
          .contains("data root: " + root)
          .contains("listening on http://127.0.0.1:");
    }
  }

  @Test
  void sessionKeySurvivesRestartsAndIsNotCreatedWhenASecretIsConfigured() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      // started once
    }
    String first = Files.readString(root.resolve("security/session.key"));
    try (TestServer server = TestServer.start(root)) {
      // started again
    }
    assertThat(Files.readString(root.resolve("security/session.key"))).isEqualTo(first);

    Path other = Files.createDirectory(root.resolve("other"));
    try (TestServer server =
        TestServer.builder(other)
            .env("SEMPTIFY_SECRET", "a-configured-secret-that-is-long-enough-1234")
            .start()) {
      assertThat(other.resolve("security/session.key")).doesNotExist();
      assertThat(server.allLogs()).doesNotContain("a-configured-secret-that-is-long-enough-1234");
    }
  }

  @Test
  void aCorruptSessionKeyIsNeverReplaced() throws Exception {
    Files.createDirectories(root.resolve("security"));
    Files.writeString(root.resolve("security/session.key"), "short");
    assertThatThrownBy(() -> TestServer.start(root))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("session.key");
    assertThat(Files.readString(root.resolve("security/session.key"))).isEqualTo("short");
  }

  @Test
  void leftoverTemporaryFilesAreRemoved() throws Exception {
    Files.createDirectories(root.resolve("security"));
    Files.writeString(root.resolve("security/.tmp-users.json-deadbeef"), "partial");
    try (TestServer server = TestServer.start(root)) {
      assertThat(root.resolve("security/.tmp-users.json-deadbeef")).doesNotExist();
    }
  }

  @Test
  void openModeOnAPublicAddressIsRefusedUnlessAskedFor() {
    assertThatThrownBy(
            () ->
                TestServer.builder(root)
                    .env("SECURITY_MODE", "open")
                    .env("SEMPTIFY_HOST", "0.0.0.0")
                    .start())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SEMPTIFY_ALLOW_OPEN_PUBLIC");
    try (TestServer server =
        TestServer.builder(root)
            .env("SECURITY_MODE", "open")
            .env("SEMPTIFY_HOST", "0.0.0.0")
            .env("SEMPTIFY_ALLOW_OPEN_PUBLIC", "1")
            .start()) {
      assertThat(server.getHtml("/").body()).contains("SECURITY MODE: OPEN");
    }
  }

  @Test
  void openModeWarnsLoudly() throws Exception {
    try (TestServer server = TestServer.builder(root).env("SECURITY_MODE", "open").start()) {
      assertThat(Files.readString(root.resolve("logs/init.log")))
          .contains("WARN")
          .contains("SECURITY_MODE=open");
    }
  }

  @Test
  void anUnwritableDataRootIsRefused() throws Exception {
    Path file = Files.writeString(root.resolve("not-a-folder"), "x");
    assertThatThrownBy(() -> TestServer.start(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SEMPTIFY_DATA_ROOT");

    Path readOnly = Files.createDirectory(root.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-x------"));
    assertThatThrownBy(() -> TestServer.start(readOnly))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SEMPTIFY_DATA_ROOT");
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwx------"));
  }
}

package org.semptify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Cli;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/**
 * Every folder Semptify creates is 0700 and every file 0600, whatever the umask: the data root and
 * its parents, logs (rotated ones included), lock files, vaults, shares, and what the CLI makes.
 */
class FilePermissionsTest {
  @TempDir Path temp;

  @Test
  void everythingSemptifyCreatesIsPrivateToItsOwner() throws Exception {
    Path root = temp.resolve("fresh/data-root");
    try (TestServer server =
        TestServer.builder(root)
            .env("ACCESS_LOG_JSON", "1")
            .env("LOG_MAX_BYTES", "1024") // every log rotates
            .start()) {
      VaultUser user = VaultUser.register(server);
      String docId = user.uploadFile("notice.txt", "notice".getBytes()).get("doc_id").asText();
      HttpResponse<String> share =
          server.send(
              server
                  .request("/vault/shares")
                  .header("X-User-Token", user.token())
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString("label=Attorney&days=7&doc_id=" + docId))
                  .build());
      assertThat(share.statusCode()).isEqualTo(201);
      assertThat(user.get("/vault/export").statusCode()).isEqualTo(200);
      assertThat(server.get("/readyz").statusCode()).isEqualTo(200);
      assertThat(Cli.run(root, "admin-token", "create", "--id", "ops").exitCode()).isZero();
      assertThat(Cli.run(root, "user", "list").exitCode()).isZero();
      assertThat(Cli.run(root, "events").exitCode()).isZero();
      for (int i = 0; i < 20; i++) {
        server.get("/health?i=" + i);
      }
    }
    assertThat(root.resolve("logs/events.log.1")).exists();
    assertThat(root.resolve("logs/access.log.1")).exists();
    assertThat(root.resolve("logs/init.log")).exists();
    assertThat(root.resolve("uploads/shares")).isDirectory();

    List<String> wrong = new ArrayList<>();
    check(temp.resolve("fresh"), wrong); // a parent the server created for the data root
    try (Stream<Path> tree = Files.walk(root)) {
      tree.forEach(path -> check(path, wrong));
    }
    assertThat(wrong).isEmpty();
  }

  private static void check(Path path, List<String> wrong) {
    try {
      String expected =
          Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------";
      String actual =
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
      if (!actual.equals(expected)) {
        wrong.add(path + " " + actual);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void foldersAndLogsAnOlderVersionLeftOpenAreTightenedAtStart() throws Exception {
    Path root = temp.resolve("old");
    Files.createDirectories(root.resolve("logs"));
    Files.createDirectories(root.resolve("uploads"));
    Files.writeString(root.resolve("logs/init.log"), "old line\n");
    Files.setPosixFilePermissions(
        root.resolve("logs"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        root.resolve("uploads"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        root.resolve("logs/init.log"), PosixFilePermissions.fromString("rw-r--r--"));
    try (TestServer server = TestServer.start(root)) {
      assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }
    List<String> wrong = new ArrayList<>();
    for (String name : List.of("logs", "uploads", "security", "logs/init.log")) {
      check(root.resolve(name), wrong);
    }
    assertThat(wrong).isEmpty();
  }
}

package org.semptify.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.Multipart;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/**
 * A write that fails on the disk answers 507 "Storage is full or unavailable; nothing was changed",
 * writes a {@code storage_unavailable} event, degrades {@code /readyz} until the folder accepts a
 * file again, and changes nothing. The failure is real, without root tricks: a folder the write
 * needs is replaced by a plain file (which fails for root too).
 */
class StorageFullTest {
  private static final String MESSAGE = "Storage is full or unavailable; nothing was changed";
  @TempDir Path root;

  private static HttpResponse<String> post(
      TestServer server, VaultUser user, String path, String form) {
    return server.send(
        server
            .request(path)
            .header("X-User-Token", user.token())
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  private Path onlyVault() throws Exception {
    try (Stream<Path> vaults = Files.list(root.resolve("uploads/vault"))) {
      return vaults.findFirst().orElseThrow();
    }
  }

  @Test
  void uploadsDeletesRecordsAndSharesAnswer507AndChangeNothingUntilTheDiskRecovers()
      throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      String kept = user.uploadFile("lease.txt", "the lease".getBytes()).get("doc_id").asText();
      Path vault = onlyVault();
      Path blobs = vault.resolve("blobs");
      byte[] manifest = Files.readAllBytes(vault.resolve("manifest.bin"));
      Path aside = vault.resolve("blobs-aside");
      Files.move(blobs, aside);
      Files.writeString(blobs, "not a folder");
      try {
        HttpResponse<String> upload =
            user.upload(new Multipart().file("file", "photo.jpg", new byte[300_000]));
        assertThat(upload.statusCode()).isEqualTo(507);
        assertThat(upload.body()).contains(MESSAGE);
        HttpResponse<String> delete =
            server.send(
                server
                    .request("/api/vault/" + kept)
                    .header("X-User-Token", user.token())
                    .DELETE()
                    .build());
        assertThat(delete.statusCode()).isEqualTo(507);
        HttpResponse<String> record =
            post(
                server,
                user,
                "/ledger",
                Browser.form(Map.of("date", "2026-01-01", "type", "rent", "amount", "1")));
        assertThat(record.statusCode()).isEqualTo(507);
        assertThat(record.body()).contains(MESSAGE);
        assertThat(post(server, user, "/vault/shares", "label=Lawyer&days=7").statusCode())
            .isEqualTo(507);

        HttpResponse<String> degraded = server.get("/readyz");
        assertThat(degraded.statusCode()).isEqualTo(503);
        assertThat(degraded.body()).contains("\"storage\"").doesNotContain(vault.toString());
        assertThat(server.eventsLog())
            .contains("\"event\":\"storage_unavailable\"")
            .contains("\"reason\":\"io_error\"")
            .doesNotContain("\"event\":\"error\"");
        assertThat(Files.readAllBytes(vault.resolve("manifest.bin")))
            .as("nothing was changed")
            .isEqualTo(manifest);
      } finally {
        Files.delete(blobs);
        Files.move(aside, blobs);
      }

      assertThat(server.get("/readyz").statusCode()).as("recovers").isEqualTo(200);
      JsonAssert.documents(user.get("/api/vault").body(), kept);
      try (Stream<Path> files = Files.list(blobs)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly(kept + ".bin");
      }
      assertThat(user.uploadFile("photo.jpg", new byte[300_000]).get("doc_id").asText())
          .isNotBlank();
    }
  }

  @Test
  void aShareWhoseFileCannotBeWrittenIsNotLeftInTheManifest() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      user.uploadFile("lease.txt", "the lease".getBytes());
      Path shares = root.resolve("uploads/shares");
      Files.writeString(shares, "not a folder");
      HttpResponse<String> refused = post(server, user, "/vault/shares", "label=Lawyer&days=7");
      assertThat(refused.statusCode()).isEqualTo(507);
      assertThat(refused.body()).contains(MESSAGE);
      assertThat(server.get("/readyz").statusCode()).isEqualTo(503);
      Files.delete(shares);
      assertThat(server.get("/readyz").statusCode()).isEqualTo(200);
      Browser browser = server.browser();
      browser.getFollowing("/vault?user_token=" + user.token());
      assertThat(browser.get("/vault").body()).doesNotContain("Lawyer");
    }
  }

  /** The document ids of a {@code GET /api/vault} answer. */
  private static final class JsonAssert {
    static void documents(String body, String... ids) {
      var list = VaultUser.json(body).get("documents");
      assertThat(list).hasSize(ids.length);
      for (int i = 0; i < ids.length; i++) {
        assertThat(list.get(i).get("doc_id").asText()).isEqualTo(ids[i]);
      }
    }
  }
}

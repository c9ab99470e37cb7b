package org.semptify.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Cli;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** An export is a complete, verifiable ZIP or a failed transfer; never a short ZIP that parses. */
class ExportAllOrNothingTest {
  @TempDir Path root;

  private static HttpRequest export(TestServer server, VaultUser user) {
    return server.request("/vault/export").header("X-User-Token", user.token()).GET().build();
  }

  private Path blobOf(String docId) throws IOException {
    try (Stream<Path> files = Files.walk(root.resolve("uploads/vault"))) {
      return files
          .filter(p -> p.getFileName().toString().equals(docId + ".bin"))
          .findFirst()
          .orElseThrow();
    }
  }

  /** Uploads a first document of {@code leadBytes} random bytes, then one whose blob is corrupt. */
  private VaultUser vaultWithACorruptBlob(TestServer server, int leadBytes) throws IOException {
    VaultUser user = VaultUser.register(server);
    Random random = new Random(7);
    byte[] lead = new byte[leadBytes];
    random.nextBytes(lead);
    user.uploadFile("lease.bin", lead);
    byte[] photo = new byte[200_000];
    random.nextBytes(photo);
    String broken = user.uploadFile("photo.jpg", photo).get("doc_id").asText();
    Path blob = blobOf(broken);
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(blob, bytes);
    return user;
  }

  @Test
  void aCorruptBlobMidStreamAbortsTheTransferAndIsRecorded() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = vaultWithACorruptBlob(server, 2 * 1024 * 1024);
      Path target = root.resolve("export.zip");
      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .send(export(server, user), HttpResponse.BodyHandlers.ofFile(target)))
          .as("the transfer fails instead of ending normally")
          .isInstanceOf(IOException.class);
      if (Files.exists(target)) {
        assertThatThrownBy(() -> new ZipFile(target.toFile()).close())
            .as("what arrived is not a readable ZIP")
            .isInstanceOf(IOException.class);
      }
      assertThat(server.eventsLog())
          .contains("\"event\":\"export_failed\"")
          .contains("\"reason\":\"blob_unreadable\"");
    }
  }

  @Test
  void aCorruptBlobBeforeAnythingWasSentAnswersAnErrorNotAZip() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = vaultWithACorruptBlob(server, 10);
      HttpResponse<String> response = server.send(export(server, user));
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.headers().firstValue("Content-Type").orElseThrow()).doesNotContain("zip");
      assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
      assertThat(server.eventsLog()).contains("\"event\":\"export_failed\"");
    }
  }

  @Test
  void aDeleteRacingAnExportWaitsForIt() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      // Large enough that the export stalls on the socket while the test does not read it.
      Random random = new Random(11);
      for (String name : new String[] {"a.bin", "b.bin"}) {
        byte[] big = new byte[16 * 1024 * 1024];
        random.nextBytes(big);
        user.uploadFile(name, big);
      }
      String last = user.uploadFile("last.txt", "last words".getBytes()).get("doc_id").asText();

      HttpResponse<InputStream> streaming =
          HttpClient.newHttpClient()
              .send(export(server, user), HttpResponse.BodyHandlers.ofInputStream());
      assertThat(streaming.statusCode()).isEqualTo(200);
      InputStream body = streaming.body();
      assertThat(body.read()).as("the export has begun").isNotNegative();

      CompletableFuture<HttpResponse<String>> delete =
          CompletableFuture.supplyAsync(
              () ->
                  server.send(
                      server
                          .request("/api/vault/" + last)
                          .header("X-User-Token", user.token())
                          .DELETE()
                          .build()));
      Thread.sleep(300);
      assertThat(delete).as("the delete waits for the export").isNotDone();

      Path target = root.resolve("export.zip");
      try (var out = Files.newOutputStream(target)) {
        out.write('P');
        body.transferTo(out);
      }
      assertThat(delete.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      try (ZipFile zip = new ZipFile(target.toFile())) {
        assertThat(zip.stream().map(e -> e.getName()))
            .anyMatch(name -> name.startsWith("files/" + last));
      }
      Cli.Result verified = Cli.run(root, "verify-bundle", target.toString());
      assertThat(verified.exitCode()).as(verified.stdout() + verified.stderr()).isZero();
      assertThat(root.resolve("uploads")).isNotEmptyDirectory();
      try (Stream<Path> files = Files.walk(root.resolve("uploads/vault"))) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .as("the bytes are removed once the export is done")
            .doesNotContain(last + ".bin");
      }
    }
  }
}

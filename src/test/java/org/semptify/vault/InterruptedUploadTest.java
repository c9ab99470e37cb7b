package org.semptify.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.CliProcess;
import org.semptify.testing.Multipart;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** All or nothing: a cut connection or a killed process leaves no document and no partial blob. */
class InterruptedUploadTest {
  @TempDir Path root;

  @Test
  void aConnectionCutMidUploadLeavesNothingBehind() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      user.uploadFile("kept.txt", "kept".getBytes());
      Path partial = startUploadAndCut(root, server.app().port(), user.token(), 2);
      awaitNoLeftovers(root);
      assertThat(partial).as("the cut upload's partial blob was removed").doesNotExist();
      assertThat(VaultUser.json(user.get("/api/vault").body()).get("documents")).hasSize(1);
      assertThat(server.eventsLog())
          .as("a client that went away is not a server error")
          .doesNotContain("\"event\":\"error\"");
      assertThat(server.get("/metrics").body()).contains("errors_total 0.0");
      assertThat(
              new String(
                  user.download(
                          VaultUser.json(user.get("/api/vault").body())
                              .get("documents")
                              .get(0)
                              .get("doc_id")
                              .asText())
                      .body()))
          .isEqualTo("kept");
    }
  }

  @Test
  void aProcessKilledMidUploadRestartsWithAnIntactVault() throws Exception {
    Map<String, String> env = Map.of("SEMPTIFY_DATA_ROOT", root.toString(), "SEMPTIFY_PORT", "0");
    Process first = CliProcess.start(root, env, "serve");
    String token;
    Path partial;
    try {
      int port = portOf(first);
      token = registerAndUpload(port);
      partial =
          startUploadAndCut(root, port, token, -1); // the connection stays open: the kill cuts it
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
    } finally {
      first.destroyForcibly();
    }
    Process second = CliProcess.start(root, env, "serve");
    try {
      int port = portOf(second);
      assertThat(partial).as("start-up removed the partial blob").doesNotExist();
      assertThat(leftovers(root)).as("start-up removed partial writes").isEmpty();
      HttpResponse<String> list =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/vault"))
                      .header("X-User-Token", token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(VaultUser.json(list.body()).get("documents")).hasSize(1);
      assertThat(VaultUser.json(list.body()).get("documents").get(0).get("filename").asText())
          .isEqualTo("before.txt");
    } finally {
      second.destroy();
      second.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void startUpRemovesTemporariesFromEveryStateFolderUnderUploads() throws Exception {
    String docId;
    String token;
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      token = user.token();
      docId = user.uploadFile("kept.txt", "kept".getBytes()).get("doc_id").asText();
      assertThat(
              server
                  .send(
                      server
                          .request("/vault/shares")
                          .header("X-User-Token", user.token())
                          .header("Content-Type", "application/x-www-form-urlencoded")
                          .POST(HttpRequest.BodyPublishers.ofString("label=Lawyer&days=7"))
                          .build())
                  .statusCode())
          .isEqualTo(201);
    }
    Path vault;
    try (Stream<Path> vaults = Files.list(root.resolve("uploads/vault"))) {
      vault = vaults.findFirst().orElseThrow();
    }
    // What a kill -9 during a share, manifest, records or blob write leaves behind.
    List<Path> temporaries =
        List.of(
            root.resolve("uploads/shares/.tmp-s_abcdefghijklmnopqrst.json-0123456789abcdef"),
            root.resolve("uploads/.tmp-probe"),
            root.resolve("uploads/vault/.tmp-x"),
            vault.resolve(".tmp-manifest.bin-0123456789abcdef"),
            vault.resolve(".tmp-records.bin-0123456789abcdef"),
            vault.resolve("blobs/.tmp-d_0123456789abcdefghijkl"));
    for (Path temporary : temporaries) {
      Files.write(temporary, new byte[] {1, 2, 3});
    }
    try (TestServer server = TestServer.start(root)) {
      for (Path temporary : temporaries) {
        assertThat(temporary).doesNotExist();
      }
      HttpResponse<String> list =
          server.send(server.request("/api/vault").header("X-User-Token", token).GET().build());
      assertThat(VaultUser.json(list.body()).get("documents").get(0).get("doc_id").asText())
          .isEqualTo(docId);
    }
  }

  /**
   * A recovery that fails (here a pending blob that cannot be moved into place) answers 507 and is
   * tried again on the next request, which then finds the document whole.
   */
  @Test
  void aFailedRecoveryIsRetriedOnTheNextOpening() throws Exception {
    String token;
    String docId;
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      token = user.token();
      docId = user.uploadFile("evidence.txt", "evidence".getBytes()).get("doc_id").asText();
    }
    Path blobs;
    try (Stream<Path> vaults = Files.list(root.resolve("uploads/vault"))) {
      blobs = vaults.findFirst().orElseThrow().resolve("blobs");
    }
    // A crash between the manifest write and the blob's rename, and something in the way.
    Files.move(blobs.resolve(docId + ".bin"), blobs.resolve("pending-" + docId + ".bin"));
    Path obstacle = Files.createDirectories(blobs.resolve(docId + ".bin"));
    Files.write(obstacle.resolve("x"), new byte[] {1});
    try (TestServer server = TestServer.start(root)) {
      HttpRequest list = server.request("/api/vault").header("X-User-Token", token).GET().build();
      assertThat(server.send(list).statusCode()).isEqualTo(507);
      Files.delete(obstacle.resolve("x"));
      Files.delete(obstacle);
      assertThat(server.send(list).statusCode()).isEqualTo(200);
      HttpResponse<String> download =
          server.send(
              server.request("/vault/files/" + docId).header("X-User-Token", token).GET().build());
      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(download.body()).isEqualTo("evidence");
    }
  }

  /**
   * Sends the headers and part of a large multipart body, waits until the server has written part
   * of it to disk, then closes (or, with -1, just stops). Returns the partial blob it saw.
   */
  private static Path startUploadAndCut(Path root, int port, String token, int mibBeforeCut)
      throws Exception {
    Socket socket = new Socket("127.0.0.1", port);
    Multipart.startUpload(socket.getOutputStream(), token, 50, mibBeforeCut < 0 ? 4 : mibBeforeCut);
    Path partial = awaitPartialBlob(root);
    if (mibBeforeCut >= 0) {
      socket.close();
    }
    return partial;
  }

  /** Waits (up to 10 s) until an upload's temporary blob holds some bytes on disk. */
  private static Path awaitPartialBlob(Path root) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    do {
      for (Path file : leftovers(root)) {
        boolean blob =
            file.getParent().getFileName().toString().equals("blobs")
                && file.getFileName().toString().startsWith(".tmp-d_");
        if (blob && sizeOrZero(file) > 0) {
          return file;
        }
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("no partial blob appeared under " + root + " within 10 s");
  }

  private static long sizeOrZero(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      return 0; // renamed or removed meanwhile
    }
  }

  private static String registerAndUpload(int port) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> registered =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/register"))
                .header("Accept", "application/json")
                .header("X-User-Token", "none") // an API client: no browser, no CSRF token
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String token = VaultUser.json(registered.body()).get("token").asText();
    org.semptify.testing.Multipart body =
        new org.semptify.testing.Multipart().file("file", "before.txt", "before".getBytes());
    HttpResponse<String> upload =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/vault"))
                .header("X-User-Token", token)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(upload.statusCode()).isEqualTo(201);
    return token;
  }

  private static int portOf(Process process) throws Exception {
    BufferedReader stdout =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = stdout.readLine();
    return Integer.parseInt(line.substring("Semptify listening on port ".length()).strip());
  }

  private static void awaitNoLeftovers(Path root) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!leftovers(root).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(leftovers(root)).isEmpty();
  }

  private static List<Path> leftovers(Path root) throws Exception {
    Path vaults = root.resolve("uploads/vault");
    if (!Files.exists(vaults)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(vaults)) {
      return files
          .filter(
              f ->
                  f.getFileName().toString().startsWith(".tmp-")
                      || f.getFileName().toString().startsWith("pending-"))
          .toList();
    } catch (java.io.UncheckedIOException e) {
      return leftovers(root); // a file went away during the walk: look again
    }
  }
}

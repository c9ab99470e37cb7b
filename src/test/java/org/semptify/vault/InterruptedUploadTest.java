package org.semptify.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
      startUploadAndCut(server.app().port(), user.token(), 2 * 1024 * 1024);
      awaitNoLeftovers(root);
      assertThat(VaultUser.json(user.get("/api/vault").body()).get("documents")).hasSize(1);
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
    try {
      int port = portOf(first);
      token = registerAndUpload(port);
      startUploadAndCut(port, token, -1); // keeps the connection open: the kill cuts it
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
    } finally {
      first.destroyForcibly();
    }
    Process second = CliProcess.start(root, env, "serve");
    try {
      int port = portOf(second);
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

  /**
   * Sends the headers and part of a large multipart body, then closes (or, with -1, just stops).
   */
  private static void startUploadAndCut(int port, String token, int bytesBeforeCut)
      throws Exception {
    String boundary = "cut-boundary";
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n\r\n";
    long declared = 50L * 1024 * 1024;
    Socket socket = new Socket("127.0.0.1", port);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("POST /api/vault HTTP/1.1\r\nHost: 127.0.0.1\r\nX-User-Token: "
                + token
                + "\r\nContent-Type: multipart/form-data; boundary="
                + boundary
                + "\r\nContent-Length: "
                + declared
                + "\r\n\r\n"
                + head)
            .getBytes(StandardCharsets.US_ASCII));
    byte[] chunk = new byte[64 * 1024];
    int toSend = bytesBeforeCut < 0 ? 4 * 1024 * 1024 : bytesBeforeCut;
    for (int sent = 0; sent < toSend; sent += chunk.length) {
      out.write(chunk);
    }
    out.flush();
    Thread.sleep(500); // let the server write some of it
    if (bytesBeforeCut >= 0) {
      socket.close();
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
    }
  }
}

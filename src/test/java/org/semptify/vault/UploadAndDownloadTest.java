package org.semptify.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.Multipart;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** Uploads, certificates and downloads, as the JSON API and the browser see them. */
class UploadAndDownloadTest {
  @TempDir Path root;

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void uploadThenDownloadTheExactBytes() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      byte[] content = new byte[300_000];
      new java.util.Random(7).nextBytes(content);
      HttpResponse<String> response =
          user.upload(
              new Multipart()
                  .field("description", "Mould behind the bed")
                  .field("category", "photo")
                  .field("event_date", "2026-10-01")
                  .file("file", "bedroom.bin", content));
      assertThat(response.statusCode()).isEqualTo(201);
      JsonNode document = VaultUser.json(response.body());
      assertThat(document.get("filename").asText()).isEqualTo("bedroom.bin");
      assertThat(document.get("size").asLong()).isEqualTo(300_000);
      assertThat(document.get("sha256").asText()).isEqualTo(sha256(content));
      assertThat(document.get("description").asText()).isEqualTo("Mould behind the bed");
      assertThat(document.get("category").asText()).isEqualTo("photo");
      assertThat(document.get("received_at").asText()).endsWith("Z");

      String id = document.get("doc_id").asText();
      HttpResponse<byte[]> download = user.download(id);
      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(download.body()).isEqualTo(content);
      assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
          .startsWith("attachment;")
          .contains("filename=\"bedroom.bin\"");
      assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

      assertThat(VaultUser.json(user.get("/api/vault/" + id).body()).get("doc_id").asText())
          .isEqualTo(id);
      assertThat(VaultUser.json(user.get("/api/vault").body()).get("documents")).hasSize(1);
      assertThat(server.get("/metrics").body())
          .contains("vault_uploads_total 1.0")
          .contains("vault_upload_bytes_total 300000.0")
          .contains("vault_downloads_total 1.0");
      assertThat(server.eventsLog())
          .contains("\"event\":\"vault_upload\"")
          .contains("\"doc_id\":\"" + id + "\"")
          .doesNotContain("bedroom");
    }
  }

  @Test
  void fieldsAfterTheFileAreKeptToo() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      HttpResponse<String> response =
          user.upload(
              new Multipart()
                  .file("file", "a.txt", "x".getBytes())
                  .field("description", "after the file"));
      assertThat(VaultUser.json(response.body()).get("description").asText())
          .isEqualTo("after the file");
    }
  }

  @Test
  void certificatesChainAndAreSignedByThePublishedKey() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      String first = user.uploadFile("one.txt", "first".getBytes()).get("doc_id").asText();
      String second = user.uploadFile("two.txt", "second".getBytes()).get("doc_id").asText();
      JsonNode a = VaultUser.json(user.get("/vault/files/" + first + "/certificate").body());
      JsonNode b = VaultUser.json(user.get("/api/vault/" + second + "/certificate").body());
      assertThat(a.get("seq").asInt()).isEqualTo(1);
      assertThat(a.get("prev").asText()).isEqualTo("0".repeat(64));
      assertThat(b.get("seq").asInt()).isEqualTo(2);
      assertThat(b.get("prev").asText()).isEqualTo(a.get("certificate_sha256").asText());
      assertThat(a.get("sha256").asText()).isEqualTo(sha256("first".getBytes()));
      for (String field :
          new String[] {
            "doc_id", "filename", "size", "content_type", "received_at", "request_id"
          }) {
        assertThat(a.has(field)).as(field).isTrue();
      }

      // Rebuild the canonical bytes from the fields and check hash and signature independently.
      Map<String, Object> fields = new TreeMap<>();
      a.fields()
          .forEachRemaining(
              e -> {
                if (!e.getKey().equals("certificate_sha256")
                    && !e.getKey().equals("signature")
                    && !e.getKey().equals("signature_algorithm")) {
                  fields.put(
                      e.getKey(),
                      e.getValue().isNumber()
                          ? (Object) e.getValue().asLong()
                          : e.getValue().asText());
                }
              });
      byte[] canonical =
          new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(fields);
      assertThat(sha256(canonical)).isEqualTo(a.get("certificate_sha256").asText());
      String pem = server.get("/.well-known/semptify-signing-key.pem").body();
      assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
      assertThat(
              SigningKey.verify(
                  pem, canonical, Base64.getDecoder().decode(a.get("signature").asText())))
          .isTrue();
      canonical[canonical.length - 3] ^= 1;
      assertThat(
              SigningKey.verify(
                  pem, canonical, Base64.getDecoder().decode(a.get("signature").asText())))
          .isFalse();
    }
  }

  @Test
  void theSameNameTwiceGivesTwoDocumentsAndZeroBytesAreFine() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      String a = user.uploadFile("notice.pdf", "one".getBytes()).get("doc_id").asText();
      String b = user.uploadFile("notice.pdf", "two".getBytes()).get("doc_id").asText();
      assertThat(a).isNotEqualTo(b);
      JsonNode empty = user.uploadFile("empty.txt", new byte[0]);
      assertThat(empty.get("size").asLong()).isZero();
      assertThat(user.download(empty.get("doc_id").asText()).body()).isEmpty();
      assertThat(new String(user.download(a).body())).isEqualTo("one");
      assertThat(new String(user.download(b).body())).isEqualTo("two");
    }
  }

  @Test
  void contentTypeComesFromTheBytesNotTheName() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      byte[] png = HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452");
      JsonNode document = user.uploadFile("harmless.html", png);
      assertThat(document.get("content_type").asText()).isEqualTo("image/png");
      JsonNode html =
          user.uploadFile(
              "photo.png", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
      assertThat(html.get("content_type").asText()).startsWith("text/plain");
      assertThat(
              user.download(html.get("doc_id").asText())
                  .headers()
                  .firstValue("Content-Type")
                  .orElseThrow())
          .startsWith("text/plain");
    }
  }

  @Test
  void errors() {
    try (TestServer server =
        TestServer.builder(root)
            .env("SEMPTIFY_MAX_UPLOAD_MB", "1")
            .env("SEMPTIFY_USER_QUOTA_MB", "2")
            .start()) {
      VaultUser user = VaultUser.register(server);
      HttpResponse<String> missing = user.upload(new Multipart().field("description", "no file"));
      assertThat(missing.statusCode()).isEqualTo(400);
      assertThat(missing.body()).contains("file is required");

      HttpResponse<String> tooLarge =
          user.upload(new Multipart().file("file", "big.bin", new byte[1024 * 1024 + 1]));
      assertThat(tooLarge.statusCode()).as(tooLarge.body() + server.eventsLog()).isEqualTo(413);
      assertThat(tooLarge.body()).contains("too large");

      user.uploadFile("a.bin", new byte[900 * 1024]);
      user.uploadFile("b.bin", new byte[900 * 1024]);
      HttpResponse<String> overQuota =
          user.upload(new Multipart().file("file", "c.bin", new byte[400 * 1024]));
      assertThat(overQuota.statusCode()).isEqualTo(413);
      assertThat(overQuota.body()).contains("quota");
      assertThat(VaultUser.json(user.get("/api/vault").body()).get("documents")).hasSize(2);

      HttpResponse<String> notMultipart =
          server.send(
              server
                  .request("/api/vault")
                  .header("X-User-Token", user.token())
                  .POST(HttpRequest.BodyPublishers.ofString("x"))
                  .build());
      assertThat(notMultipart.statusCode()).isEqualTo(400);
      assertThat(user.get("/api/vault/d_nope").statusCode()).isEqualTo(404);
    }
  }

  /**
   * Eight parallel 300 kB uploads against a 1 MB quota: each request has begun (and seen the free
   * space) before any finishes; the commits, checked again under the vault's lock, accept three.
   */
  @Test
  void parallelUploadsCannotBypassTheQuota() throws Exception {
    try (TestServer server = TestServer.builder(root).env("SEMPTIFY_USER_QUOTA_MB", "1").start()) {
      VaultUser user = VaultUser.register(server);
      int uploads = 8;
      java.util.concurrent.CountDownLatch allStarted =
          new java.util.concurrent.CountDownLatch(uploads);
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(uploads);
      try {
        java.util.List<java.util.concurrent.Future<HttpResponse<String>>> answers =
            new java.util.ArrayList<>();
        for (int i = 0; i < uploads; i++) {
          Multipart body = new Multipart().file("file", "part" + i + ".bin", new byte[300_000]);
          answers.add(
              pool.submit(
                  () ->
                      server.send(
                          server
                              .request("/api/vault")
                              .header("X-User-Token", user.token())
                              .header("Content-Type", body.contentType())
                              .POST(
                                  HttpRequest.BodyPublishers.ofInputStream(
                                      () -> gated(body.bytes(), 100_000, allStarted)))
                              .build())));
        }
        int accepted = 0;
        for (var answer : answers) {
          HttpResponse<String> response = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
          if (response.statusCode() == 201) {
            accepted++;
          } else {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
            assertThat(response.body()).contains("quota");
          }
        }
        assertThat(accepted).isEqualTo(3);
      } finally {
        pool.shutdownNow();
      }
      JsonNode documents = VaultUser.json(user.get("/api/vault").body()).get("documents");
      assertThat(documents).hasSize(3);
      try (var vaults = java.nio.file.Files.list(root.resolve("uploads/vault"));
          var blobs = java.nio.file.Files.list(vaults.findFirst().orElseThrow().resolve("blobs"))) {
        assertThat(blobs.map(p -> p.getFileName().toString()))
            .as("the refused uploads left nothing behind")
            .hasSize(3)
            .allMatch(name -> name.matches("d_[0-9a-z]{22}\\.bin"));
      }
    }
  }

  /**
   * {@code bytes} as a stream that pauses after {@code first} bytes until every upload is there.
   */
  private static java.io.InputStream gated(
      byte[] bytes, int first, java.util.concurrent.CountDownLatch allStarted) {
    return new java.io.InputStream() {
      private int position;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (position >= bytes.length) {
          return -1;
        }
        if (position == first) {
          allStarted.countDown();
          try {
            allStarted.await(20, java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        int limit = position < first ? first : bytes.length;
        int n = Math.min(length, limit - position);
        System.arraycopy(bytes, position, buffer, offset, n);
        position += n;
        return n;
      }
    };
  }

  @Test
  void deletingRemovesTheBytesButKeepsTheHistory() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      String id = user.uploadFile("lease.txt", "lease".getBytes()).get("doc_id").asText();
      HttpResponse<String> deleted =
          server.send(
              server
                  .request("/api/vault/" + id)
                  .header("X-User-Token", user.token())
                  .DELETE()
                  .build());
      assertThat(deleted.statusCode()).isEqualTo(200);
      JsonNode record = VaultUser.json(deleted.body()).get("deletion_record");
      assertThat(record.get("type").asText()).isEqualTo("deletion");
      assertThat(record.get("seq").asInt()).isEqualTo(2);
      assertThat(user.download(id).statusCode()).isEqualTo(404);
      assertThat(VaultUser.json(user.get("/api/vault").body()).get("documents")).isEmpty();
      assertThat(user.get("/api/vault/" + id + "/certificate").statusCode())
          .as("the receipt stays")
          .isEqualTo(200);
      assertThat(server.eventsLog()).contains("\"event\":\"vault_delete\"");
    }
  }

  @Test
  void theBrowserFlowUploadsWithCsrfAndShowsTheDocument() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      Browser browser = server.browser();
      browser.getFollowing("/vault?user_token=" + user.token());
      String csrf = browser.csrfToken("/vault");
      Multipart body =
          new Multipart()
              .field("csrf_token", csrf)
              .file("file", "Recibo de renta ñ.txt", "paid".getBytes());
      HttpResponse<String> upload =
          browser.send(
              server
                  .request("/vault/upload")
                  .header("Accept", "text/html")
                  .header("Content-Type", body.contentType())
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                  .build());
      assertThat(upload.statusCode()).isEqualTo(303);
      assertThat(browser.get("/vault").body())
          .contains("Recibo de renta ñ.txt")
          .contains("class=\"highlight\"".substring(0, 5));

      Multipart forged =
          new Multipart().field("csrf_token", "forged").file("file", "x.txt", "x".getBytes());
      HttpResponse<String> refused =
          browser.send(
              server
                  .request("/vault/upload")
                  .header("Content-Type", forged.contentType())
                  .POST(HttpRequest.BodyPublishers.ofByteArray(forged.bytes()))
                  .build());
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(VaultUser.json(user.get("/api/vault").body()).get("documents")).hasSize(1);
    }
  }
}

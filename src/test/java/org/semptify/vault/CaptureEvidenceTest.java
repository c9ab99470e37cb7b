package org.semptify.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.Multipart;
import org.semptify.testing.MutableClock;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/**
 * Evidence from the phone: capture inputs on the vault page, several files in one upload, one
 * certificate each, with the server's received time and what the tenant typed about them.
 */
class CaptureEvidenceTest {
  @TempDir Path root;

  @Test
  void theVaultPageOffersTheCameraAndRecordersWithoutLooseningThePermissionsPolicy() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      Browser browser = server.browser();
      browser.getFollowing("/vault?user_token=" + user.token());
      HttpResponse<String> page = browser.get("/vault");
      assertThat(page.body())
          .contains(
              "name=\"file\" type=\"file\" accept=\"image/*\" capture=\"environment\"",
              "name=\"file\" type=\"file\" accept=\"audio/*\" capture=\"user\"",
              "name=\"file\" type=\"file\" accept=\"video/*\" capture=\"environment\"",
              "id=\"file\" name=\"file\" type=\"file\" multiple",
              ">Take a photo<",
              ">Record audio<",
              ">Record video<",
              "name=\"place\"",
              "never read")
          .doesNotContain("<script>");
      assertThat(page.headers().firstValue("Permissions-Policy"))
          .hasValue("camera=(), microphone=(), geolocation=()");
    }
  }

  @Test
  void severalFilesInOneUploadGetOneCertificateEachWithTheServersTime() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-04T05:06:07Z"));
    try (TestServer server = TestServer.builder(root).clock(clock).start()) {
      VaultUser user = VaultUser.register(server);
      Browser browser = server.browser();
      browser.getFollowing("/vault?user_token=" + user.token());
      Multipart upload =
          new Multipart()
              .field("csrf_token", browser.csrfToken("/vault"))
              .file("file", "photo.jpg", "first".getBytes())
              .file("file", "", new byte[0]) // an input left empty (the recorder)
              .file("file", "memo.m4a", "second".getBytes())
              .file("file", "clip.mp4", "third".getBytes())
              .field("description", "Mould behind the fridge")
              .field("place", "Kitchen, apartment 4B")
              .field("event_date", "2026-03-01");
      HttpResponse<String> answer =
          browser.send(
              server
                  .request("/vault/upload")
                  .header("Accept", "text/html")
                  .header("Content-Type", upload.contentType())
                  .POST(HttpRequest.BodyPublishers.ofByteArray(upload.bytes()))
                  .build());
      assertThat(answer.statusCode()).isEqualTo(303);
      String page = browser.follow(answer).body();
      assertThat(page)
          .contains("role=\"status\"")
          .contains("Saved 3 files in your vault, each with its own certificate")
          .contains("photo.jpg, memo.m4a, clip.mp4");

      JsonNode documents = VaultUser.json(user.get("/api/vault").body()).get("documents");
      assertThat(documents).hasSize(3);
      List<String> hashes = new ArrayList<>();
      for (JsonNode document : documents) {
        String id = document.get("doc_id").asText();
        JsonNode certificate =
            VaultUser.json(
                server
                    .send(
                        server
                            .request("/api/vault/" + id + "/certificate")
                            .header("X-User-Token", user.token())
                            .header("Accept", "application/json")
                            .GET()
                            .build())
                    .body());
        JsonNode fields = certificate.has("fields") ? certificate.get("fields") : certificate;
        assertThat(fields.get("doc_id").asText()).isEqualTo(id);
        assertThat(fields.get("received_at").asText()).isEqualTo("2026-03-04T05:06:07Z");
        assertThat(fields.get("place").asText()).isEqualTo("Kitchen, apartment 4B");
        assertThat(fields.get("description").asText()).isEqualTo("Mould behind the fridge");
        assertThat(fields.get("event_date").asText()).isEqualTo("2026-03-01");
        hashes.add(certificate.toString());
      }
      assertThat(hashes).doesNotHaveDuplicates();

      // The readable certificate says where and when, as typed.
      String readable =
          browser
              .get("/vault/files/" + documents.get(0).get("doc_id").asText() + "/certificate")
              .body();
      assertThat(readable).contains("Kitchen, apartment 4B").contains("Where it happened");

      // Save without a file: said in words, back at the buttons (a program gets 400).
      Multipart empty =
          new Multipart()
              .field("csrf_token", browser.csrfToken("/vault"))
              .file("file", "", new byte[0])
              .field("place", "Kitchen");
      HttpResponse<String> nothing =
          browser.send(
              server
                  .request("/vault/upload")
                  .header("Accept", "text/html")
                  .header("Content-Type", empty.contentType())
                  .POST(HttpRequest.BodyPublishers.ofByteArray(empty.bytes()))
                  .build());
      assertThat(nothing.statusCode()).isEqualTo(303);
      assertThat(browser.follow(nothing).body())
          .contains("Take a photo, record, or choose a file first.");
      assertThat(VaultUser.json(user.get("/api/vault").body()).get("documents")).hasSize(3);

      // Programs get every document of a multi-file upload.
      HttpResponse<String> api =
          user.upload(
              new Multipart()
                  .file("file", "a.txt", "a".getBytes())
                  .file("file", "b.txt", "b".getBytes()));
      assertThat(api.statusCode()).isEqualTo(201);
      assertThat(VaultUser.json(api.body()).get("documents")).hasSize(2);
    }
  }
}

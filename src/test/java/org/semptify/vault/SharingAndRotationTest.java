package org.semptify.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.Cli;
import org.semptify.testing.MutableClock;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** Read-only shares for an attorney, and a user replacing their token. */
class SharingAndRotationTest {
  private static final Pattern SHARE_LINK =
      Pattern.compile("(/vault/share/s_[a-z0-9]+\\?grant_token=smps_[0-9A-Za-z]+)");
  @TempDir Path root;

  private static HttpResponse<String> createShare(TestServer server, VaultUser user, String form) {
    return server.send(
        server
            .request("/vault/shares")
            .header("X-User-Token", user.token())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  @Test
  void aShareOpensOnlyTheChosenDocumentsUntilItExpires() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    try (TestServer server = TestServer.builder(root).clock(clock).start()) {
      VaultUser user = VaultUser.register(server);
      String shared = user.uploadFile("notice.txt", "notice".getBytes()).get("doc_id").asText();
      String privateDoc = user.uploadFile("diary.txt", "private".getBytes()).get("doc_id").asText();

      HttpResponse<String> created =
          createShare(server, user, "label=Ms+Attorney&days=7&doc_id=" + shared);
      assertThat(created.statusCode()).isEqualTo(201);
      JsonNode share = VaultUser.json(created.body());
      String url = share.get("url").asText();
      String shareId = share.get("share_id").asText();

      HttpResponse<String> view = server.get(url);
      assertThat(view.statusCode()).isEqualTo(200);
      assertThat(view.body()).contains(shared).doesNotContain(privateDoc).doesNotContain("u_");
      String grant = url.substring(url.indexOf("grant_token=") + "grant_token=".length());
      assertThat(
              server
                  .get("/vault/share/" + shareId + "/files/" + shared + "?grant_token=" + grant)
                  .body())
          .isEqualTo("notice");
      assertThat(
              server
                  .get("/vault/share/" + shareId + "/files/" + privateDoc + "?grant_token=" + grant)
                  .statusCode())
          .isEqualTo(404);
      assertThat(
              server
                  .get(
                      "/vault/share/"
                          + shareId
                          + "/files/"
                          + shared
                          + "/certificate?grant_token="
                          + grant)
                  .body())
          .contains("\"sha256\"");
      assertThat(server.get("/vault/share/" + shareId + "?grant_token=smps_wrong").statusCode())
          .isEqualTo(401);
      assertThat(server.eventsLog())
          .contains("\"event\":\"share_created\"")
          .contains("\"event\":\"share_access\"");

      clock.advance(Duration.ofDays(7));
      assertThat(server.get(url).statusCode()).as("expired").isEqualTo(401);
    }
  }

  @Test
  void revokingStopsTheLinkAtOnce() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      user.uploadFile("a.txt", "a".getBytes());
      JsonNode share = VaultUser.json(createShare(server, user, "label=Lawyer&days=30").body());
      assertThat(server.get(share.get("url").asText()).statusCode()).isEqualTo(200);
      HttpResponse<String> revoked =
          server.send(
              server
                  .request("/vault/shares/" + share.get("share_id").asText() + "/revoke")
                  .header("X-User-Token", user.token())
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build());
      assertThat(revoked.statusCode()).isEqualTo(200);
      assertThat(server.get(share.get("url").asText()).statusCode()).isEqualTo(401);
      HttpResponse<String> page = server.getHtml(share.get("url").asText());
      assertThat(page.statusCode()).isEqualTo(401);
      assertThat(page.body())
          .contains("role=\"alert\"")
          .contains(
              "This link was turned off or has expired. Ask the person who sent it for a new one.")
          .doesNotContain("name=\"user_token\"");
      assertThat(root.resolve("uploads/shares/" + share.get("share_id").asText() + ".json"))
          .doesNotExist();
      assertThat(server.eventsLog()).contains("\"event\":\"share_revoked\"");
    }
  }

  @Test
  void aShareOfADisabledOrExpiredAccountAnswersLikeARevokedOne() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    try (TestServer server = TestServer.builder(root).clock(clock).start()) {
      VaultUser user = VaultUser.register(server);
      String doc = user.uploadFile("a.txt", "a".getBytes()).get("doc_id").asText();
      JsonNode share = VaultUser.json(createShare(server, user, "label=Lawyer&days=30").body());
      String url = share.get("url").asText();
      String grant = url.substring(url.indexOf("grant_token=") + "grant_token=".length());
      String file = "/vault/share/" + share.get("share_id").asText() + "/files/" + doc;
      assertThat(server.get(url).statusCode()).isEqualTo(200);
      String id =
          Cli.run(root, "user", "list")
              .stdout()
              .lines()
              .skip(1)
              .findFirst()
              .orElseThrow()
              .split("\\s+")[0];

      assertThat(Cli.run(root, "user", "disable", id).exitCode()).isZero();
      assertThat(server.get(url).statusCode()).as("owner disabled").isEqualTo(401);
      assertThat(server.get(file + "?grant_token=" + grant).statusCode()).isEqualTo(401);
      assertThat(Cli.run(root, "user", "enable", id).exitCode()).isZero();
      assertThat(server.get(url).statusCode()).as("owner enabled again").isEqualTo(200);
      assertThat(server.get(file + "?grant_token=" + grant).body()).isEqualTo("a");

      assertThat(Cli.run(root, "user", "expire", id, "--at", "2026-11-28T00:00:00Z").exitCode())
          .isZero();
      assertThat(server.get(url).statusCode()).as("owner not expired yet").isEqualTo(200);
      clock.advance(Duration.ofDays(1));
      assertThat(server.get(url).statusCode()).as("owner expired").isEqualTo(401);
      assertThat(Cli.run(root, "user", "expire", id, "--at", "2027-06-01T00:00:00Z").exitCode())
          .isZero();
      assertThat(server.get(url).statusCode()).as("expiry extended").isEqualTo(200);
      clock.advance(Duration.ofDays(30));
      assertThat(server.get(url).statusCode()).as("the share's own expiry").isEqualTo(401);
    }
  }

  @Test
  void aShareFileTheOwnersManifestDoesNotNameOpensNothingAndIsRemoved() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      user.uploadFile("a.txt", "a".getBytes());
      Path vault;
      try (var vaults = java.nio.file.Files.list(root.resolve("uploads/vault"))) {
        vault = vaults.findFirst().orElseThrow();
      }
      byte[] before = java.nio.file.Files.readAllBytes(vault.resolve("manifest.bin"));
      JsonNode share = VaultUser.json(createShare(server, user, "label=Lawyer&days=30").body());
      String url = share.get("url").asText();
      assertThat(server.get(url).statusCode()).isEqualTo(200);
      // A kill -9 after the share file but before the manifest named it (the old order).
      java.nio.file.Files.write(vault.resolve("manifest.bin"), before);

      assertThat(server.get(url).statusCode()).isEqualTo(401);
      assertThat(root.resolve("uploads/shares/" + share.get("share_id").asText() + ".json"))
          .doesNotExist();
    }
  }

  @Test
  void aListedShareWhoseFileIsMissingCanStillBeRevoked() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      user.uploadFile("a.txt", "a".getBytes());
      JsonNode share = VaultUser.json(createShare(server, user, "label=Lawyer&days=30").body());
      String shareId = share.get("share_id").asText();
      // A kill -9 after the manifest named the share but before its file was written.
      java.nio.file.Files.delete(root.resolve("uploads/shares/" + shareId + ".json"));
      HttpRequest revoke =
          server
              .request("/vault/shares/" + shareId + "/revoke")
              .header("X-User-Token", user.token())
              .POST(HttpRequest.BodyPublishers.noBody())
              .build();
      assertThat(server.send(revoke).statusCode()).isEqualTo(200);
      assertThat(server.send(revoke).statusCode()).as("already revoked").isEqualTo(404);
      assertThat(server.eventsLog()).contains("\"event\":\"share_revoked\"");
    }
  }

  @Test
  void shareInputIsValidated() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      assertThat(createShare(server, user, "label=x&days=0").statusCode()).isEqualTo(400);
      assertThat(createShare(server, user, "label=x&days=91").statusCode()).isEqualTo(400);
      assertThat(createShare(server, user, "days=5").statusCode()).isEqualTo(400);
      assertThat(createShare(server, user, "label=x&days=5&doc_id=d_nope").statusCode())
          .isEqualTo(400);
    }
  }

  @Test
  void theBrowserFlowShowsTheLinkOnce() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      user.uploadFile("a.txt", "a".getBytes());
      Browser browser = server.browser();
      browser.getFollowing("/vault?user_token=" + user.token());
      HttpResponse<String> page =
          browser.submit("/vault", "/vault/shares", Map.of("label", "Legal aid", "days", "14"));
      Matcher link = SHARE_LINK.matcher(page.body());
      assertThat(link.find()).isTrue();
      assertThat(browser.get("/vault").body()).contains("Legal aid").doesNotContain("grant_token");
    }
  }

  @Test
  void theShareLinkShownIsAFullAddress() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      Browser browser = server.browser();
      browser.getFollowing("/vault?user_token=" + user.token());
      HttpResponse<String> page =
          browser.submit("/vault", "/vault/shares", Map.of("label", "Legal aid", "days", "14"));
      assertThat(page.body())
          .containsPattern(
              "id=\"share-link\">http://127\\.0\\.0\\.1:[0-9]+/vault/share/[^\"<]+\\?grant_token=")
          .contains("data-copied=\"Copied\"")
          .contains("data-share-target=\"share-link\"");
    }
  }

  @Test
  void theShareLinkHonoursThePublicUrlThenOnlyTrustedProxyHeaders() {
    try (TestServer server =
        TestServer.builder(root)
            .env("SEMPTIFY_PUBLIC_URL", "https://semptify.example.org/")
            .start()) {
      VaultUser user = VaultUser.register(server);
      Browser browser = server.browser();
      browser.getFollowing("/vault?user_token=" + user.token());
      String csrf = browser.csrfToken("/vault");
      HttpResponse<String> page =
          browser.send(
              server
                  .request("/vault/shares")
                  .header("Accept", "text/html")
                  .header("Accept-Language", "es")
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          Browser.form(Map.of("label", "A", "days", "3", "csrf_token", csrf))))
                  .build());
      assertThat(page.body())
          .contains("id=\"share-link\">https://semptify.example.org/vault/share/")
          .contains("data-copied=\"Copiado\"");
    }
    for (String hops : new String[] {"0", "1"}) {
      try (TestServer server =
          TestServer.builder(root.resolve("p" + hops)).env("SEMPTIFY_TRUST_PROXY", hops).start()) {
        VaultUser user = VaultUser.register(server);
        Browser browser = server.browser();
        browser.getFollowing("/vault?user_token=" + user.token());
        String csrf = browser.csrfToken("/vault");
        HttpResponse<String> page =
            browser.send(
                server
                    .request("/vault/shares")
                    .header("Accept", "text/html")
                    .header("X-Forwarded-Host", "public.example")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            Browser.form(Map.of("label", "A", "days", "3", "csrf_token", csrf))))
                    .build());
        assertThat(page.body())
            .as("trusted proxy hops " + hops)
            .contains(
                hops.equals("1")
                    ? "id=\"share-link\">http://public.example/vault/share/"
                    : "id=\"share-link\">http://127.0.0.1:");
      }
    }
  }

  @Test
  void rotatingTheTokenKeepsDocumentsReadableAndStopsTheOldToken() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      String id = user.uploadFile("proof.txt", "proof".getBytes()).get("doc_id").asText();
      HttpResponse<String> rotated =
          server.send(
              server
                  .request("/vault/token/rotate")
                  .header("X-User-Token", user.token())
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build());
      assertThat(rotated.statusCode()).isEqualTo(200);
      String fresh = VaultUser.json(rotated.body()).get("token").asText();
      assertThat(user.get("/api/vault").statusCode()).isEqualTo(401);
      HttpResponse<String> download =
          server.send(
              server.request("/vault/files/" + id).header("X-User-Token", fresh).GET().build());
      assertThat(download.body()).isEqualTo("proof");
      assertThat(server.eventsLog())
          .contains("\"event\":\"user_token_rotated\"")
          .doesNotContain(fresh);
    }
  }
}

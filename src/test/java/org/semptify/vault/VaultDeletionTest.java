package org.semptify.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.Cli;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** "Delete my vault": the key first, then everything; the token, shares and session die. */
public class VaultDeletionTest {
  @TempDir Path root;

  /** A user with two documents, a ledger entry and two live shares; returns the share links. */
  public static List<String> fill(TestServer server, VaultUser user) {
    String first = user.uploadFile("lease.pdf", "%PDF-1.4 lease".getBytes()).get("doc_id").asText();
    String second = user.uploadFile("photo.txt", "mould".getBytes()).get("doc_id").asText();
    HttpResponse<String> ledger =
        server.send(
            server
                .request("/ledger")
                .header("X-User-Token", user.token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        Browser.form(
                            Map.of("date", "2026-01-01", "type", "rent", "amount", "1250.00"))))
                .build());
    assertThat(ledger.statusCode()).isIn(200, 201);
    List<String> links = new ArrayList<>();
    for (String doc : List.of(first, second)) {
      HttpResponse<String> share =
          server.send(
              server
                  .request("/vault/shares")
                  .header("X-User-Token", user.token())
                  .header("Accept", "application/json")
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      java.net.http.HttpRequest.BodyPublishers.ofString(
                          Browser.form(Map.of("label", "Attorney", "days", "7", "doc_id", doc))))
                  .build());
      assertThat(share.statusCode()).as(share.body()).isIn(200, 201);
      JsonNode body = VaultUser.json(share.body());
      String url = body.get("url").asText();
      links.add(url.substring(url.indexOf("/vault/share/")));
    }
    for (String link : links) {
      assertThat(server.get(link).statusCode()).as(link).isEqualTo(200);
    }
    return links;
  }

  public static String userId(Path root) throws Exception {
    String users = Files.readString(root.resolve("security/users.json"));
    java.util.regex.Matcher id =
        java.util.regex.Pattern.compile("\"(u_[a-z0-9]{20})\"").matcher(users);
    assertThat(id.find()).isTrue();
    return id.group(1);
  }

  /** Every file under the data root that mentions {@code userId}, in its name or its bytes. */
  public static List<Path> tracesOf(Path root, String userId) throws Exception {
    List<Path> traces = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path path : (Iterable<Path>) files::iterator) {
        if (path.toString().contains(userId)
            || (Files.isRegularFile(path)
                && new String(
                        Files.readAllBytes(path), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .contains(userId))) {
          traces.add(root.relativize(path));
        }
      }
    }
    return traces;
  }

  @Test
  void deletingAVaultKillsTheTokenTheSharesTheSessionAndEveryFile() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      List<String> links = fill(server, user);
      String id = userId(root);
      Browser browser = server.browser();
      assertThat(
              browser
                  .submit("/vault", "/vault/open", Map.of("user_token", user.token()))
                  .statusCode())
          .isEqualTo(303);

      HttpResponse<String> confirm = browser.get("/vault/delete");
      assertThat(confirm.statusCode()).isEqualTo(200);
      assertThat(confirm.body())
          .contains("This cannot be undone")
          .contains("All 2 documents")
          .contains("All 2 share links")
          .contains("href=\"/vault/export\"")
          .contains("name=\"confirm_token\"");

      // Without the token typed again (or with another one), nothing happens.
      HttpResponse<String> wrong =
          browser.submit(
              "/vault/delete", "/vault/delete", Map.of("confirm_token", "smpu_" + "A".repeat(49)));
      assertThat(wrong.statusCode()).isEqualTo(403);
      assertThat(wrong.body()).contains("role=\"alert\"").contains("Nothing was deleted");
      assertThat(user.get("/api/vault").statusCode()).isEqualTo(200);
      // Nor without the CSRF token.
      assertThat(browser.post("/vault/delete", Map.of("confirm_token", user.token())).statusCode())
          .isEqualTo(400);
      assertThat(user.get("/api/vault").statusCode()).isEqualTo(200);

      HttpResponse<String> deleted =
          browser.submit("/vault/delete", "/vault/delete", Map.of("confirm_token", user.token()));
      assertThat(deleted.statusCode()).isEqualTo(200);
      assertThat(deleted.body()).contains("Your vault was deleted");

      assertThat(user.get("/api/vault").statusCode()).isEqualTo(401);
      assertThat(browser.get("/vault").statusCode()).as("the session ended").isEqualTo(401);
      for (String link : links) {
        assertThat(server.get(link).statusCode()).as(link).isEqualTo(401);
      }
      assertThat(tracesOf(root, id))
          .as("nothing of the user remains but the events log")
          .allSatisfy(path -> assertThat(path.toString()).startsWith("logs/events.log"));
      assertThat(root.resolve("uploads/vault/" + id)).doesNotExist();
      assertThat(Files.readString(root.resolve("security/users.json"))).doesNotContain(id);

      List<String> events =
          Files.readAllLines(root.resolve("logs/events.log")).stream()
              .filter(line -> line.contains("\"vault_deleted\""))
              .toList();
      assertThat(events).hasSize(1);
      JsonNode payload = VaultUser.json(events.get(0)).get("payload");
      List<String> fields = new ArrayList<>();
      payload.fieldNames().forEachRemaining(fields::add);
      assertThat(fields).as(events.get(0)).containsExactly("user_id");
      assertThat(payload.get("user_id").asText()).isEqualTo(id);
      assertThat(VaultUser.json(events.get(0)).get("request_id").asText())
          .as("the deleting request's id, as in its response")
          .isEqualTo(deleted.headers().firstValue("X-Request-Id").orElseThrow());
      assertThat(server.get("/metrics").body()).contains("vaults_deleted_total 1.0");
    }
  }

  @Test
  void theCliDeletesAVaultWithTheSameGuarantees() throws Exception {
    List<String> links;
    String token;
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      token = user.token();
      links = fill(server, user);
      String id = userId(root);

      Cli.Result unknown = Cli.run(root, "user", "delete", "u_nosuchuser000000000");
      assertThat(unknown.exitCode()).isEqualTo(1);
      assertThat(unknown.stderr()).contains("no entry with id");

      // While the server runs: the token and the share links stop working at once.
      Cli.Result result = Cli.run(root, "user", "delete", id);
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.stderr()).contains("deleted");
      assertThat(user.get("/api/vault").statusCode()).isEqualTo(401);
      for (String link : links) {
        assertThat(server.get(link).statusCode()).isEqualTo(401);
      }
      assertThat(tracesOf(root, id))
          .allSatisfy(path -> assertThat(path.toString()).startsWith("logs/events.log"));
      assertThat(Files.readString(root.resolve("logs/events.log"))).contains("\"vault_deleted\"");
    }
    assertThat(token).startsWith("smpu_");
  }
}

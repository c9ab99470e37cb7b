package org.semptify.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Cli;
import org.semptify.testing.Multipart;
import org.semptify.testing.NodeProcess;
import org.semptify.testing.PostgresCluster;
import org.semptify.testing.S3Server;
import org.semptify.testing.VaultUser;

/**
 * Two real server processes on one PostgreSQL database and one S3 bucket, as identical nodes behind
 * a load balancer: a tenant registers on node A and opens the vault on node B, uploads on A and
 * downloads on B, and B's export verifies with {@code verify-bundle} against the shared signing
 * key.
 */
class TwoNodesSharedVaultTest {
  private static final String SECRET = "one-secret-for-every-node-0123456789abcdef";
  private static final Pattern CSRF = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

  @TempDir static Path rootA;
  @TempDir static Path rootB;
  @TempDir static Path cliRoot;
  private static Map<String, String> env;
  private static NodeProcess nodeA;
  private static NodeProcess nodeB;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startTwoNodes() throws Exception {
    PostgresCluster cluster = PostgresCluster.shared();
    S3Server s3 = S3Server.shared();
    env = new HashMap<>(cluster.environment(cluster.freshDatabase()));
    env.putAll(s3.env(s3.newBucket()));
    env.put("SEMPTIFY_SECRET", SECRET);
    nodeA = NodeProcess.start(rootA, env);
    nodeB = NodeProcess.start(rootB, env);
  }

  @AfterAll
  static void stopNodes() {
    if (nodeA != null) {
      nodeA.close();
    }
    if (nodeB != null) {
      nodeB.close();
    }
  }

  /** Registers through the form flow (its session cookie and CSRF token) and returns the token. */
  private static String register(NodeProcess node) {
    HttpResponse<String> form = node.send(node.request("/register").GET().build());
    String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    Matcher csrf = CSRF.matcher(form.body());
    assertThat(csrf.find()).as("a CSRF token on /register").isTrue();
    HttpResponse<String> created =
        node.send(
            node.request("/register")
                .header("Cookie", cookie)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf_token=" + csrf.group(1)))
                .build());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return VaultUser.json(created.body()).get("token").asText();
  }

  private HttpResponse<byte[]> getBytes(NodeProcess node, String path, String token)
      throws Exception {
    return http.send(
        node.request(path).header("X-User-Token", token).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void registerOnOneNodeUploadThereDownloadAndExportOnTheOther() throws Exception {
    String token = register(nodeA);
    assertThat(
            nodeB
                .send(nodeB.request("/api/vault").header("X-User-Token", token).GET().build())
                .statusCode())
        .isEqualTo(200);

    byte[] content =
        "photo of the bathroom ceiling, taken on node A".getBytes(StandardCharsets.UTF_8);
    Multipart body = new Multipart().file("file", "ceiling.txt", content);
    HttpResponse<String> uploaded =
        nodeA.send(
            nodeA
                .request("/api/vault")
                .header("X-User-Token", token)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                .build());
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    JsonNode document = VaultUser.json(uploaded.body());
    String docId = document.get("doc_id").asText();

    HttpResponse<String> listedOnB =
        nodeB.send(nodeB.request("/api/vault").header("X-User-Token", token).GET().build());
    assertThat(listedOnB.statusCode()).isEqualTo(200);
    assertThat(listedOnB.body()).contains(docId).contains("ceiling.txt");
    HttpResponse<byte[]> downloaded = getBytes(nodeB, "/vault/files/" + docId, token);
    assertThat(downloaded.statusCode()).isEqualTo(200);
    assertThat(downloaded.body()).isEqualTo(content);

    HttpResponse<byte[]> export = getBytes(nodeB, "/vault/export", token);
    assertThat(export.statusCode()).isEqualTo(200);
    Path bundle = cliRoot.resolve("export-from-b.zip");
    Files.write(bundle, export.body());
    Path key = cliRoot.resolve("signing-key-from-a.pem");
    Files.writeString(key, nodeA.get("/.well-known/semptify-signing-key.pem").body());
    Cli.Result verified =
        Cli.runWithEnv(cliRoot, env, "verify-bundle", bundle.toString(), "--key", key.toString());
    assertThat(verified.exitCode()).as(verified.stdout() + verified.stderr()).isZero();

    // A share made on A opens on B; revoked on A, it is refused on B within a second.
    HttpResponse<String> shared =
        nodeA.send(
            nodeA
                .request("/vault/shares")
                .header("X-User-Token", token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("label=Legal+aid&days=7&doc_id=" + docId))
                .build());
    assertThat(shared.statusCode()).as(shared.body()).isEqualTo(201);
    JsonNode share = VaultUser.json(shared.body());
    HttpRequest openOnB =
        nodeB
            .request("/vault/share/" + share.get("share_id").asText())
            .header("X-Grant-Token", share.get("grant_token").asText())
            .GET()
            .build();
    assertThat(nodeB.send(openOnB).statusCode()).isEqualTo(200);
    HttpResponse<String> revoked =
        nodeA.send(
            nodeA
                .request("/vault/shares/" + share.get("share_id").asText() + "/revoke")
                .header("X-User-Token", token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(revoked.statusCode()).isEqualTo(200);
    long deadline = System.nanoTime() + 1_000_000_000L;
    int status;
    do {
      status = nodeB.send(openOnB).statusCode();
    } while (status != 401 && System.nanoTime() < deadline);
    assertThat(status).as("the revoked share on the other node").isEqualTo(401);
  }
}

package org.semptify.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.store.ContractSupport;
import org.semptify.testing.Cli;
import org.semptify.testing.Multipart;
import org.semptify.testing.NodeProcess;
import org.semptify.testing.PostgresCluster;
import org.semptify.testing.S3Server;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;
import software.amazon.awssdk.services.s3.S3Client;

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
    return registered(node).get("token").asText();
  }

  /** Registers as {@link #register} and returns the answer: {@code user_id} and {@code token}. */
  private static JsonNode registered(NodeProcess node) {
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
    return VaultUser.json(created.body());
  }

  private static HttpResponse<String> upload(
      NodeProcess node, String token, String filename, byte[] content) {
    Multipart body = new Multipart().file("file", filename, content);
    return node.send(
        node.request("/api/vault")
            .header("X-User-Token", token)
            .header("Content-Type", body.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
            .build());
  }

  /** The doc ids {@code GET /api/vault} lists on {@code node}. */
  private static List<String> listed(NodeProcess node, String token) {
    HttpResponse<String> list =
        node.send(node.request("/api/vault").header("X-User-Token", token).GET().build());
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    VaultUser.json(list.body()).get("documents").forEach(d -> ids.add(d.get("doc_id").asText()));
    return ids;
  }

  /** Exports the vault on {@code node} and checks it with {@code verify-bundle}; the bundle. */
  private Path exportAndVerify(NodeProcess node, String token, String name) throws Exception {
    HttpResponse<byte[]> export = getBytes(node, "/vault/export", token);
    assertThat(export.statusCode()).isEqualTo(200);
    Path bundle = cliRoot.resolve(name);
    Files.write(bundle, export.body());
    Path key = cliRoot.resolve("signing-key-of-" + name + ".pem");
    Files.writeString(key, nodeA.get("/.well-known/semptify-signing-key.pem").body());
    Cli.Result verified =
        Cli.runWithEnv(cliRoot, env, "verify-bundle", bundle.toString(), "--key", key.toString());
    assertThat(verified.exitCode()).as(verified.stdout() + verified.stderr()).isZero();
    return bundle;
  }

  /** Polls {@code request} on a node until it answers 401, at most 1 s; fails if it never does. */
  private static void refusedWithinOneSecond(NodeProcess node, HttpRequest request)
      throws InterruptedException {
    long deadline = System.nanoTime() + 1_000_000_000L;
    int status;
    do {
      status = node.send(request).statusCode();
      if (status == 401) {
        return;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("still " + status + " after 1 s");
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

  @Test
  void concurrentUploadsToOneVaultThroughBothNodesLoseNothingAndKeepOneChain() throws Exception {
    String token = register(nodeA);
    int perNode = 12;
    List<Callable<String>> uploads = new ArrayList<>();
    for (int i = 0; i < 2 * perNode; i++) {
      NodeProcess node = i % 2 == 0 ? nodeA : nodeB;
      byte[] content =
          ("upload " + i + " through node " + (i % 2 == 0 ? "A" : "B"))
              .getBytes(StandardCharsets.UTF_8);
      String filename = "upload-" + i + ".txt";
      uploads.add(
          () -> {
            HttpResponse<String> answer = upload(node, token, filename, content);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            return VaultUser.json(answer.body()).get("doc_id").asText();
          });
    }
    List<String> acknowledged = ContractSupport.runTogether(uploads);
    assertThat(acknowledged).hasSize(2 * perNode).doesNotHaveDuplicates();

    for (NodeProcess node : List.of(nodeA, nodeB)) {
      assertThat(listed(node, token))
          .as("every acknowledged upload, once, on each node")
          .containsExactlyInAnyOrderElementsOf(acknowledged);
    }
    // One unbroken chain: verify-bundle checks seq 1..n, each prev naming the certificate before
    // it, and every document against its certificate.
    Path bundle = exportAndVerify(nodeB, token, "concurrent.zip");
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      JsonNode chain =
          VaultUser.json(
              new String(
                  zip.getInputStream(zip.getEntry("chain.json")).readAllBytes(),
                  StandardCharsets.UTF_8));
      assertThat(chain.get("links")).hasSize(2 * perNode);
    }
  }

  @Test
  void aUserDisabledOnOneNodeIsRefusedOnTheOtherWithinOneSecond() throws Exception {
    JsonNode user = registered(nodeA);
    String token = user.get("token").asText();
    String userId = user.get("user_id").asText();
    HttpRequest onB = nodeB.request("/api/vault").header("X-User-Token", token).GET().build();
    assertThat(nodeB.send(onB).statusCode()).isEqualTo(200);
    Cli.Result created = Cli.runWithEnv(cliRoot, env, "admin-token", "create", "--id", "users-ops");
    assertThat(created.exitCode()).as(created.stderr()).isZero();

    HttpResponse<String> disabled =
        nodeA.send(
            nodeA
                .request("/admin/users/" + userId + "/disable")
                .header("X-Admin-Token", created.stdout().strip())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(disabled.statusCode()).as(disabled.body()).isIn(200, 303);
    refusedWithinOneSecond(nodeB, onB);
    assertThat(
            nodeA
                .send(nodeA.request("/api/vault").header("X-User-Token", token).GET().build())
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void aNodeKilledMidUploadLeavesTheOtherServingNothingAcknowledgedLostAndNoOrphanAfterTheSweep(
      @TempDir Path rootC, @TempDir Path rootRestarted) throws Exception {
    S3Client bucket = S3Server.shared().client();
    String bucketName = env.get("SEMPTIFY_S3_BUCKET");
    JsonNode user = registered(nodeA);
    String token = user.get("token").asText();
    String prefix = "blobs/" + user.get("user_id").asText() + "/";
    Map<String, byte[]> acknowledged = new ConcurrentHashMap<>();
    byte[] before = "the notice, acknowledged before the kill".getBytes(StandardCharsets.UTF_8);
    acknowledged.put(
        VaultUser.json(upload(nodeB, token, "notice.txt", before).body()).get("doc_id").asText(),
        before);

    NodeProcess doomed = NodeProcess.start(rootC, env);
    AtomicBoolean stop = new AtomicBoolean();
    Thread smallUploads =
        new Thread(
            () -> {
              for (int i = 0; !stop.get(); i++) {
                byte[] content = ("small upload " + i).getBytes(StandardCharsets.UTF_8);
                try {
                  HttpResponse<String> answer =
                      upload(doomed, token, "small-" + i + ".txt", content);
                  if (answer.statusCode() == 201) {
                    acknowledged.put(VaultUser.json(answer.body()).get("doc_id").asText(), content);
                  }
                } catch (RuntimeException e) {
                  return; // the node died under this request: never acknowledged
                }
              }
            },
            "uploads-to-the-doomed-node");
    try (Socket socket = new Socket("127.0.0.1", doomed.port())) {
      smallUploads.start();
      // A large upload, sent halfway (two parts reach the bucket), then the node dies (SIGKILL).
      OutputStream out = socket.getOutputStream();
      Multipart.startUpload(out, token, 40, 20);
      S3Server.awaitParts(bucket, bucketName, prefix, 2);
      doomed.kill();
    } finally {
      stop.set(true);
      smallUploads.join(30_000);
      doomed.close();
    }
    assertThat(S3Server.multipartUploads(bucket, bucketName, prefix))
        .as("the broken upload's parts")
        .isNotEmpty();

    // The other node keeps serving: everything acknowledged lists and downloads, new uploads go in.
    byte[] after = "a receipt, uploaded after the kill".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> afterKill = upload(nodeB, token, "receipt.txt", after);
    assertThat(afterKill.statusCode()).as(afterKill.body()).isEqualTo(201);
    acknowledged.put(VaultUser.json(afterKill.body()).get("doc_id").asText(), after);
    List<String> listedOnB = listed(nodeB, token);
    assertThat(listedOnB).containsAll(acknowledged.keySet());
    for (Map.Entry<String, byte[]> document : acknowledged.entrySet()) {
      assertThat(getBytes(nodeB, "/vault/files/" + document.getKey(), token).body())
          .isEqualTo(document.getValue());
    }

    // A node's next start sweeps the abandoned multipart upload (here: a node whose clock is a
    // week on, so that the upload is older than any live one can be); its first opening of the
    // vault removes a blob a commit completed but no manifest names. Then the bucket holds
    // exactly the listed documents.
    TestServer.Builder restarted =
        TestServer.builder(rootRestarted)
            .clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(8)));
    env.forEach(restarted::env);
    try (TestServer later = restarted.start()) {
      assertThat(S3Server.multipartUploads(bucket, bucketName, prefix)).isEmpty();
      VaultUser onLater = VaultUser.withToken(later, token);
      assertThat(onLater.get("/api/vault").statusCode()).isEqualTo(200);
      List<String> objects =
          bucket
              .listObjectsV2Paginator(x -> x.bucket(bucketName).prefix(prefix))
              .contents()
              .stream()
              .map(o -> o.key().substring(prefix.length()))
              .toList();
      assertThat(objects).containsExactlyInAnyOrderElementsOf(listed(nodeB, token));
    }
    exportAndVerify(nodeB, token, "after-the-kill.zip");
  }
}

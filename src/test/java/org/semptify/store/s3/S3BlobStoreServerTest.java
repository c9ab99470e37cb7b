package org.semptify.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
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
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.config.ConfigException;
import org.semptify.testing.CliProcess;
import org.semptify.testing.S3Server;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The server with {@code SEMPTIFY_BLOB_STORE=s3} against a real S3-protocol server: documents
 * round-trip through the bucket (and nowhere else), keys and stored bytes reveal nothing, {@code
 * /readyz} follows the bucket, abandoned uploads are swept at start, and a bucket that cannot be
 * used stops the start with exit 2 naming the variable.
 */
class S3BlobStoreServerTest {
  private static final byte[] SECRET_TEXT =
      "Landlord entered without notice on 3 March".getBytes(StandardCharsets.UTF_8);

  @TempDir Path root;

  private TestServer start(String bucket) {
    return start(bucket, Clock.systemUTC());
  }

  private TestServer start(String bucket, Clock clock) {
    TestServer.Builder builder = TestServer.builder(root).clock(clock);
    S3Server.shared().env(bucket).forEach(builder::env);
    return builder.start();
  }

  private static List<String> keys(String bucket) {
    return S3Server.shared()
        .client()
        .listObjectsV2Paginator(b -> b.bucket(bucket))
        .contents()
        .stream()
        .map(S3Object::key)
        .filter(key -> key.startsWith("blobs/"))
        .toList();
  }

  @Test
  void documentsGoToTheBucketEncryptedUnderRandomKeysAndComeBackWhole() throws Exception {
    String bucket = S3Server.shared().newBucket();
    try (TestServer server = start(bucket)) {
      VaultUser user = VaultUser.register(server);
      String docId = user.uploadFile("eviction-notice.txt", SECRET_TEXT).get("doc_id").asText();

      HttpResponse<byte[]> download = user.download(docId);
      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(download.body()).isEqualTo(SECRET_TEXT);

      List<String> keys = keys(bucket);
      assertThat(keys).hasSize(1);
      assertThat(keys.get(0)).matches("blobs/u_[A-Za-z0-9_-]+/" + docId).doesNotContain("eviction");
      // The bucket's bytes at rest: ciphertext only, no file name.
      try (Stream<Path> files = Files.walk(S3Server.shared().data().resolve(bucket))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String stored = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          assertThat(stored).doesNotContain("Landlord").doesNotContain("eviction-notice");
        }
      }
      // Nothing of the blob on the local disk.
      try (Stream<Path> files = Files.walk(root.resolve("uploads"))) {
        assertThat(files.filter(f -> f.toString().contains(docId)).toList()).isEmpty();
      }

      HttpResponse<byte[]> export =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  server
                      .request("/vault/export")
                      .header("X-User-Token", user.token())
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(export.statusCode()).isEqualTo(200);
      List<String> names = new ArrayList<>();
      boolean found = false;
      try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(export.body()))) {
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
          names.add(entry.getName());
          if (entry.getName().endsWith("eviction-notice.txt")) {
            found = java.util.Arrays.equals(zip.readAllBytes(), SECRET_TEXT);
          }
        }
      }
      assertThat(found).as("the export carries the document: %s", names).isTrue();
    }
  }

  @Test
  void storedBytesCountTheBlobsInTheBucket() throws Exception {
    String bucket = S3Server.shared().newBucket();
    byte[] photo = new byte[300_000];
    new java.util.Random(3).nextBytes(photo);
    try (TestServer server = start(bucket)) {
      VaultUser.register(server).uploadFile("photo.jpg", photo);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Map<String, String> env = new HashMap<>(S3Server.shared().env(bucket));
    env.put("SEMPTIFY_DATA_ROOT", root.toString());
    int code =
        org.semptify.Main.run(
            new org.semptify.cli.CliEnvironment(
                env,
                root,
                new ByteArrayInputStream(new byte[0]),
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(
                    new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Clock.systemUTC()),
            "user",
            "list");
    assertThat(code).isZero();
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines).hasSize(2);
    String[] columns = lines[1].trim().split("\\s+");
    assertThat(Long.parseLong(columns[columns.length - 1])).isGreaterThan(300_000);
  }

  @Test
  void readinessFollowsTheBucket() {
    String bucket = S3Server.shared().newBucket();
    try (TestServer server = start(bucket)) {
      assertThat(server.get("/readyz").statusCode()).isEqualTo(200);
      S3Server.shared().client().deleteBucket(b -> b.bucket(bucket));

      HttpResponse<String> degraded = server.get("/readyz");
      assertThat(degraded.statusCode()).isEqualTo(503);
      assertThat(degraded.body()).contains("\"bucket\"").contains("HTTP 404");

      S3Server.shared().client().createBucket(b -> b.bucket(bucket));
      assertThat(server.get("/readyz").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theStartUpSweepRemovesUploadsAbandonedByADeadNode() {
    String bucket = S3Server.shared().newBucket();
    String abandoned =
        S3Server.shared()
            .client()
            .createMultipartUpload(
                b -> b.bucket(bucket).key("blobs/u_dead/d_abcdefghij0123456789ab"))
            .uploadId();
    // A start now keeps it (a live request elsewhere could still be writing it)...
    start(bucket).close();
    assertThat(S3Server.shared().client().listMultipartUploads(b -> b.bucket(bucket)).uploads())
        .extracting(u -> u.uploadId())
        .containsExactly(abandoned);
    // ...one past the longest an upload may take removes it.
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(8));
    start(bucket, later).close();
    assertThat(S3Server.shared().client().listMultipartUploads(b -> b.bucket(bucket)).uploads())
        .isEmpty();
  }

  @Test
  void aBucketThatCannotBeUsedIsRefusedAtStartNamingTheVariable() {
    S3Server s3 = S3Server.shared();
    Map<String, String> missing = new HashMap<>(s3.env("semptify-no-such-bucket"));
    assertThatThrownBy(() -> startWith(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SEMPTIFY_S3_BUCKET");

    Map<String, String> wrongKey = new HashMap<>(s3.env(s3.newBucket()));
    wrongKey.put("AWS_SECRET_ACCESS_KEY", "not-the-secret-0123456789");
    assertThatThrownBy(() -> startWith(wrongKey))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("AWS_ACCESS_KEY_ID")
        .hasMessageNotContaining("not-the-secret");

    Map<String, String> unreachable = new HashMap<>(s3.env(s3.newBucket()));
    unreachable.put("SEMPTIFY_S3_ENDPOINT", "http://127.0.0.1:1");
    assertThatThrownBy(() -> startWith(unreachable))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SEMPTIFY_S3_ENDPOINT");

    Map<String, String> halfCredentials = new HashMap<>(s3.env(s3.newBucket()));
    halfCredentials.remove("AWS_SECRET_ACCESS_KEY");
    assertThatThrownBy(() -> startWith(halfCredentials))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("AWS_SECRET_ACCESS_KEY");

    Map<String, String> noBucket = new HashMap<>(s3.env("x"));
    noBucket.remove("SEMPTIFY_S3_BUCKET");
    assertThatThrownBy(() -> startWith(noBucket))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SEMPTIFY_S3_BUCKET must be set");

    Map<String, String> badKind = Map.of("SEMPTIFY_BLOB_STORE", "ftp");
    assertThatThrownBy(() -> startWith(badKind))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SEMPTIFY_BLOB_STORE");
  }

  private void startWith(Map<String, String> env) {
    TestServer.Builder builder = TestServer.builder(root);
    env.forEach(builder::env);
    builder.start().close();
  }

  @Test
  void serveExitsTwoNamingTheBucketVariable() throws Exception {
    Map<String, String> env = new HashMap<>(S3Server.shared().env("semptify-no-such-bucket"));
    env.put("SEMPTIFY_DATA_ROOT", root.toString());
    env.put("SEMPTIFY_PORT", "0");
    CliProcess.Result result = CliProcess.run(root, env, "serve");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .contains("configuration error")
        .contains("SEMPTIFY_S3_BUCKET")
        .doesNotContain(S3Server.SECRET_KEY);
  }
}

package org.semptify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.Main;
import org.semptify.testing.S3Server;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/**
 * {@code semptify store check}: counts what the store holds, reads every blob back whole, on files
 * and with the blobs in a bucket, and exits 1 when a vault's blobs have no manifest.
 */
class StoreCheckTest {
  @TempDir Path root;

  private record Run(int code, String out) {}

  private Run check(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("SEMPTIFY_DATA_ROOT", root.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Main.run(
            new CliEnvironment(
                env,
                root,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Clock.systemUTC()),
            "store",
            "check");
    return new Run(code, out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void onFilesEveryBlobReadsBack() {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      user.uploadFile("a.txt", "first".getBytes(StandardCharsets.UTF_8));
      user.uploadFile("b.txt", "second".getBytes(StandardCharsets.UTF_8));
    }
    Run run = check(Map.of());
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("blobs: file")
        .contains("accounts: 1")
        .contains("vaults: 1")
        .contains("blobs: 2 committed")
        .contains("shares: 0")
        .containsPattern("events: \\d+")
        .contains("keys: csrf.token opens, signing_key.pem opens")
        .contains("chain anchors: 2 of 2 documents")
        .endsWith("ok\n");
  }

  @Test
  void aDocumentTheEventsAnchorThatIsGoneIsAProblem() throws Exception {
    String kept;
    String lost;
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      kept =
          user.uploadFile("a.txt", "first".getBytes(StandardCharsets.UTF_8)).get("doc_id").asText();
      lost =
          user.uploadFile("b.txt", "second".getBytes(StandardCharsets.UTF_8))
              .get("doc_id")
              .asText();
      // A document deleted through the vault is no loss: its deletion is in the events too.
      String gone =
          user.uploadFile("c.txt", "third".getBytes(StandardCharsets.UTF_8)).get("doc_id").asText();
      assertThat(
              server
                  .send(
                      server
                          .request("/api/vault/" + gone)
                          .header("X-User-Token", user.token())
                          .DELETE()
                          .build())
                  .statusCode())
          .isEqualTo(200);
    }
    // The blob's file goes missing behind the server's back (the manifest still lists it).
    try (var blobs = java.nio.file.Files.walk(root.resolve("uploads/vault"))) {
      for (Path blob : blobs.filter(p -> p.getFileName().toString().startsWith(lost)).toList()) {
        java.nio.file.Files.delete(blob);
      }
    }
    Run run = check(Map.of());
    assertThat(run.code()).as(run.out()).isEqualTo(1);
    assertThat(run.out())
        .contains("chain anchors: 1 of 2 documents")
        .contains("lacks document " + lost + " that the events anchor")
        .doesNotContain(kept + " that")
        .contains("1 problem(s)");
  }

  @Test
  void withABucketBlobsWithoutAManifestAreAProblem() {
    S3Server s3 = S3Server.shared();
    String bucket = s3.newBucket();
    TestServer.Builder builder = TestServer.builder(root);
    s3.env(bucket).forEach(builder::env);
    try (TestServer server = builder.start()) {
      VaultUser user = VaultUser.register(server);
      user.uploadFile("a.txt", "first".getBytes(StandardCharsets.UTF_8));
      user.uploadFile("b.txt", "second".getBytes(StandardCharsets.UTF_8));
    }
    Run fine = check(s3.env(bucket));
    assertThat(fine.code()).isZero();
    assertThat(fine.out())
        .contains("bucket '" + bucket + "'")
        .contains("blobs: 2 committed")
        .contains("abandoned uploads in the bucket: 0");

    // Without keys a manifest cannot be read, so what is checked is its presence: blobs of a vault
    // whose manifest is gone are a problem.
    try (var vaults = java.nio.file.Files.list(root.resolve("uploads/vault"))) {
      Path vault = vaults.findFirst().orElseThrow();
      java.nio.file.Files.delete(vault.resolve("manifest.bin"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Run broken = check(s3.env(bucket));
    assertThat(broken.code()).isEqualTo(1);
    assertThat(broken.out()).contains("has blobs but no manifest").contains("1 problem(s)");
  }
}

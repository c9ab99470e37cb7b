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
        .endsWith("ok\n");
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

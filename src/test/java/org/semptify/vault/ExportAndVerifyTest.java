package org.semptify.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Cli;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** The export ZIP and 'semptify verify-bundle', including tampering with each kind of file. */
class ExportAndVerifyTest {
  @TempDir Path root;
  private Path bundle;
  private String firstDoc;

  @BeforeEach
  void export() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      firstDoc = user.uploadFile("lease.txt", "the lease".getBytes()).get("doc_id").asText();
      String second =
          user.uploadFile("photo 📷.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2})
              .get("doc_id")
              .asText();
      user.uploadFile("receipt.txt", "paid".getBytes());
      server.send(
          server
              .request("/api/vault/" + second)
              .header("X-User-Token", user.token())
              .DELETE()
              .build());
      HttpResponse<Path> response =
          HttpClient.newHttpClient()
              .send(
                  server
                      .request("/vault/export")
                      .header("X-User-Token", user.token())
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofFile(root.resolve("export.zip")));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/zip");
      assertThat(server.eventsLog()).contains("\"event\":\"vault_export\"");
      bundle = response.body();
    }
  }

  @Test
  void theBundleHoldsEverythingAndVerifies() throws Exception {
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      assertThat(zip.getEntry("SHA256SUMS")).isNotNull();
      assertThat(zip.getEntry("chain.json")).isNotNull();
      assertThat(zip.getEntry("README.txt")).isNotNull();
      assertThat(zip.getEntry("semptify-signing-key.pem")).isNotNull();
      assertThat(zip.getEntry("certificates/" + firstDoc + ".json")).isNotNull();
      assertThat(zip.getEntry("certificates/" + firstDoc + ".sig")).isNotNull();
      assertThat(zip.getEntry("files/" + firstDoc + "-lease.txt")).isNotNull();
      String readme = new String(zip.getInputStream(zip.getEntry("README.txt")).readAllBytes());
      assertThat(readme).contains("sha256sum -c SHA256SUMS").contains("openssl pkeyutl -verify");
    }
    Cli.Result result = Cli.run(root, "verify-bundle", bundle.toString());
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("OK: 2 document(s) and 4 certificate(s)");
  }

  @Test
  void aFlippedByteInAFileIsNamed() throws Exception {
    Path tampered = rewrite("files/" + firstDoc + "-lease.txt");
    Cli.Result result = Cli.run(root, "verify-bundle", tampered.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("files/" + firstDoc + "-lease.txt");
  }

  @Test
  void aFlippedByteInACertificateIsNamed() throws Exception {
    Path tampered = rewrite("certificates/" + firstDoc + ".json");
    Cli.Result result = Cli.run(root, "verify-bundle", tampered.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("certificates/" + firstDoc + ".json");
  }

  @Test
  void aFlippedByteInTheChainIsNamed() throws Exception {
    Path tampered = rewrite("chain.json");
    Cli.Result result = Cli.run(root, "verify-bundle", tampered.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("chain.json");
  }

  @Test
  void aCertificateRemadeWithMatchingSumsStillFailsItsSignature() throws Exception {
    // A forger who also fixes SHA256SUMS is caught by the signature.
    Path tampered = rewriteConsistently("certificates/" + firstDoc + ".json");
    Cli.Result result = Cli.run(root, "verify-bundle", tampered.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("signature does not verify");
  }

  @Test
  void garbageIsNotAZip() throws Exception {
    Path garbage = Files.writeString(root.resolve("garbage.zip"), "not a zip");
    assertThat(Cli.run(root, "verify-bundle", garbage.toString()).exitCode()).isEqualTo(1);
  }

  /** Copies the bundle, flipping one byte in the middle of {@code target}. */
  private Path rewrite(String target) throws IOException {
    Path out = root.resolve("tampered.zip");
    try (ZipFile zip = new ZipFile(bundle.toFile());
        ZipOutputStream copy = new ZipOutputStream(Files.newOutputStream(out))) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        byte[] bytes = read(zip, entry);
        if (entry.getName().equals(target)) {
          bytes[bytes.length / 2] ^= 0x01;
        }
        copy.putNextEntry(new ZipEntry(entry.getName()));
        copy.write(bytes);
        copy.closeEntry();
      }
    }
    return out;
  }

  /** Like {@link #rewrite}, but the forger also recomputes chain.json and SHA256SUMS. */
  private Path rewriteConsistently(String target) throws Exception {
    Path out = root.resolve("forged.zip");
    java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        files.put(entry.getName(), read(zip, entry));
      }
    }
    byte[] original = files.get(target);
    byte[] changed = new String(original).replace("lease.txt", "lease.TXT").getBytes();
    files.put(target, changed);
    files.put(
        "chain.json",
        new String(files.get("chain.json"))
            .replace(Certificate.sha256Hex(original), Certificate.sha256Hex(changed))
            .getBytes());
    StringBuilder sums = new StringBuilder();
    files.forEach(
        (name, bytes) -> {
          if (!name.equals("SHA256SUMS")) {
            sums.append(Certificate.sha256Hex(bytes)).append("  ").append(name).append("\n");
          }
        });
    files.put("SHA256SUMS", sums.toString().getBytes());
    try (ZipOutputStream copy = new ZipOutputStream(Files.newOutputStream(out))) {
      for (java.util.Map.Entry<String, byte[]> file : files.entrySet()) {
        copy.putNextEntry(new ZipEntry(file.getKey()));
        copy.write(file.getValue());
        copy.closeEntry();
      }
    }
    return out;
  }

  private static byte[] read(ZipFile zip, ZipEntry entry) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }
}

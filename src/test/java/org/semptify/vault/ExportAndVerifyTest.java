package org.semptify.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
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
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path root;
  @TempDir Path elsewhere; // a data root that holds no signing key
  private Path bundle;
  private Path serverKey;
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
      serverKey =
          Files.writeString(
              elsewhere.resolve("server-key.pem"),
              server.get("/.well-known/semptify-signing-key.pem").body());
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
  void onlyAKeyTheCheckerTrustsMakesABundleVerified() throws Exception {
    Cli.Result withKey =
        Cli.run(elsewhere, "verify-bundle", bundle.toString(), "--key", serverKey.toString());
    assertThat(withKey.exitCode()).as(withKey.stderr()).isZero();
    assertThat(withKey.stdout()).startsWith("OK: 2 document(s)").contains(fingerprint(serverKey));
    Cli.Result withDataRoot =
        Cli.run(elsewhere, "verify-bundle", bundle.toString(), "--data-root", root.toString());
    assertThat(withDataRoot.exitCode()).as(withDataRoot.stderr()).isZero();

    Cli.Result noKey = Cli.run(elsewhere, "verify-bundle", bundle.toString());
    assertThat(noKey.exitCode()).isEqualTo(3);
    assertThat(noKey.stderr()).contains("UNVERIFIED: no trusted key given");
    assertThat(noKey.stdout())
        .doesNotStartWith("OK")
        .contains("Bundle key SHA-256 fingerprint: " + fingerprint(serverKey));
    assertThat(elsewhere.resolve("security")).as("nothing created").doesNotExist();
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      assertThat(new String(read(zip, zip.getEntry("README.txt")), StandardCharsets.UTF_8))
          .as("the README shows the same fingerprint")
          .contains(fingerprint(serverKey))
          .contains("openssl pkey -pubin -in semptify-signing-key.pem -outform DER | sha256sum");
    }
  }

  @Test
  void aBundleForgedAndReSignedWithAnotherKeyIsBroken() throws Exception {
    Path forged = forgeWithOwnKey();
    Cli.Result withKey =
        Cli.run(elsewhere, "verify-bundle", forged.toString(), "--key", serverKey.toString());
    assertThat(withKey.exitCode()).isEqualTo(1);
    assertThat(withKey.stderr())
        .startsWith("BROKEN: the bundle was signed by key")
        .contains(fingerprint(serverKey));
    Cli.Result withDataRoot =
        Cli.run(elsewhere, "verify-bundle", forged.toString(), "--data-root", root.toString());
    assertThat(withDataRoot.exitCode()).isEqualTo(1);
    assertThat(Cli.run(root, "verify-bundle", forged.toString()).exitCode())
        .as("SEMPTIFY_DATA_ROOT's key")
        .isEqualTo(1);

    // Without a trusted key the forgery is self-consistent: never OK, and another fingerprint.
    Cli.Result noKey = Cli.run(elsewhere, "verify-bundle", forged.toString());
    assertThat(noKey.exitCode()).isEqualTo(3);
    assertThat(noKey.stdout())
        .contains("Bundle key SHA-256 fingerprint: ")
        .doesNotContain(fingerprint(serverKey));
  }

  @Test
  void aFileWithoutASignedCertificateIsABreak() throws Exception {
    Map<String, byte[]> files = entries(bundle);
    files.put("files/d_planted-evidence.txt", "planted".getBytes(StandardCharsets.UTF_8));
    Path planted = writeWithSums(files, root.resolve("planted.zip"), serverSigningKey());
    Cli.Result result =
        Cli.run(elsewhere, "verify-bundle", planted.toString(), "--key", serverKey.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains("files/d_planted-evidence.txt is not covered by any signed certificate");
    assertThat(Cli.run(elsewhere, "verify-bundle", planted.toString()).exitCode())
        .as("a break is a break with or without a trusted key")
        .isEqualTo(1);

    files = entries(bundle);
    files.remove("files/" + firstDoc + "-lease.txt");
    Path removed = writeWithSums(files, root.resolve("removed.zip"), serverSigningKey());
    Cli.Result missing =
        Cli.run(elsewhere, "verify-bundle", removed.toString(), "--key", serverKey.toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr()).contains("files/" + firstDoc + "-lease.txt is missing");
  }

  @Test
  void theSignedChecksumsCoverTheRecordsAndTheChainsEnd() throws Exception {
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      assertThat(
              SigningKey.verify(
                  Files.readString(serverKey),
                  read(zip, zip.getEntry("SHA256SUMS")),
                  read(zip, zip.getEntry("SHA256SUMS.sig"))))
          .as("openssl pkeyutl -verify over SHA256SUMS, as README.txt says")
          .isTrue();
    }
    SigningKey forger = SigningKey.loadOrCreate(elsewhere.resolve("forger.pem"));

    // A record changed after the export, with SHA256SUMS recomputed.
    Map<String, byte[]> files = entries(bundle);
    String record =
        files.keySet().stream().filter(n -> n.startsWith("records/")).findFirst().orElseThrow();
    files.put(record, "changed".getBytes(StandardCharsets.UTF_8));
    Cli.Result changed =
        Cli.run(
            elsewhere,
            "verify-bundle",
            writeWithSums(files, root.resolve("record.zip"), forger).toString(),
            "--key",
            serverKey.toString());
    assertThat(changed.exitCode()).isEqualTo(1);
    assertThat(changed.stderr()).contains("SHA256SUMS: the signature in SHA256SUMS.sig");

    // The chain cut short after its first link (the lease's upload), every later certificate and
    // document removed and chain.json's head moved back: consistent, but not what was signed.
    files = entries(bundle);
    ObjectNode chain = (ObjectNode) JSON.readTree(files.get("chain.json"));
    com.fasterxml.jackson.databind.node.ArrayNode links =
        (com.fasterxml.jackson.databind.node.ArrayNode) chain.path("links");
    while (links.size() > 1) {
      JsonNode dropped = links.remove(links.size() - 1);
      files.remove(dropped.path("certificate").asText());
      files.remove(dropped.path("signature").asText());
    }
    chain.put("head", links.get(0).path("sha256").asText());
    files.put("chain.json", JSON.writeValueAsBytes(chain));
    files.keySet().removeIf(n -> n.startsWith("files/") && !n.endsWith("-lease.txt"));
    Cli.Result cut =
        Cli.run(
            elsewhere,
            "verify-bundle",
            writeWithSums(files, root.resolve("cut.zip"), forger).toString(),
            "--key",
            serverKey.toString());
    assertThat(cut.exitCode()).isEqualTo(1);
    assertThat(cut.stderr()).contains("SHA256SUMS: the signature in SHA256SUMS.sig");

    // No signature at all: a break, not a pass.
    files = entries(bundle);
    files.remove("SHA256SUMS.sig");
    Path unsigned = root.resolve("unsigned.zip");
    try (ZipOutputStream copy = new ZipOutputStream(Files.newOutputStream(unsigned))) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        copy.putNextEntry(new ZipEntry(file.getKey()));
        copy.write(file.getValue());
        copy.closeEntry();
      }
    }
    Cli.Result none =
        Cli.run(elsewhere, "verify-bundle", unsigned.toString(), "--key", serverKey.toString());
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.stderr()).contains("SHA256SUMS.sig is missing");
  }

  @Test
  void anUnreadableKeyIsAUsageError() throws Exception {
    Path notAKey = Files.writeString(elsewhere.resolve("not-a-key.pem"), "hello");
    Cli.Result result =
        Cli.run(elsewhere, "verify-bundle", bundle.toString(), "--key", notAKey.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("no Ed25519 public key");
  }

  @Test
  void garbageIsNotAZip() throws Exception {
    Path garbage = Files.writeString(root.resolve("garbage.zip"), "not a zip");
    assertThat(Cli.run(root, "verify-bundle", garbage.toString()).exitCode()).isEqualTo(1);
  }

  /** SHA-256 of the key's DER SubjectPublicKeyInfo, computed here independently of the code. */
  private static String fingerprint(Path pem) throws Exception {
    String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Certificate.sha256Hex(Base64.getDecoder().decode(body));
  }

  /**
   * What a forger does: change a document, fix its certificate, re-sign the whole chain with their
   * own Ed25519 key, put that key (and its fingerprint) in the bundle, and redo SHA256SUMS.
   */
  private Path forgeWithOwnKey() throws Exception {
    SigningKey forger = SigningKey.loadOrCreate(elsewhere.resolve("forger.pem"));
    Map<String, byte[]> files = entries(bundle);
    byte[] forgedLease = "the forged lease".getBytes(StandardCharsets.UTF_8);
    files.put("files/" + firstDoc + "-lease.txt", forgedLease);
    ObjectNode chain = (ObjectNode) JSON.readTree(files.get("chain.json"));
    String previous = Certificate.GENESIS;
    for (JsonNode node : chain.path("links")) {
      ObjectNode link = (ObjectNode) node;
      String path = link.path("certificate").asText();
      Map<String, Object> fields = JSON.readValue(files.get(path), new TypeReference<>() {});
      fields.put("prev", previous);
      if (firstDoc.equals(fields.get("doc_id")) && "upload".equals(fields.get("type"))) {
        fields.put("sha256", Certificate.sha256Hex(forgedLease));
        fields.put("size", forgedLease.length);
      }
      Certificate reissued = Certificate.issue(fields, forger);
      files.put(path, reissued.canonicalBytes());
      files.put(link.path("signature").asText(), Base64.getDecoder().decode(reissued.signature()));
      link.put("sha256", reissued.hash());
      link.put("prev", previous);
      previous = reissued.hash();
    }
    chain.put("head", previous);
    files.put("chain.json", JSON.writeValueAsBytes(chain));
    String originalFingerprint =
        SigningKey.fingerprint(
            new String(files.get("semptify-signing-key.pem"), StandardCharsets.US_ASCII));
    files.put(
        "semptify-signing-key.pem", forger.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
    files.put(
        "README.txt",
        new String(files.get("README.txt"), StandardCharsets.UTF_8)
            .replace(originalFingerprint, forger.fingerprint())
            .getBytes(StandardCharsets.UTF_8));
    return writeWithSums(files, root.resolve("forged-with-own-key.zip"), forger);
  }

  private static Map<String, byte[]> entries(Path zipFile) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(zipFile.toFile())) {
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry entry = all.nextElement();
        files.put(entry.getName(), read(zip, entry));
      }
    }
    return files;
  }

  /**
   * Writes {@code files} as a ZIP with a SHA256SUMS recomputed over them and signed by {@code
   * signer} (the forger's key, or the server's own to reach the checks after that signature).
   */
  private static Path writeWithSums(Map<String, byte[]> files, Path out, SigningKey signer)
      throws IOException {
    StringBuilder sums = new StringBuilder();
    files.forEach(
        (name, bytes) -> {
          if (!name.equals("SHA256SUMS") && !name.equals("SHA256SUMS.sig")) {
            sums.append(Certificate.sha256Hex(bytes)).append("  ").append(name).append("\n");
          }
        });
    byte[] sumsFile = sums.toString().getBytes(StandardCharsets.UTF_8);
    files.put("SHA256SUMS", sumsFile);
    files.put("SHA256SUMS.sig", signer.sign(sumsFile));
    try (ZipOutputStream copy = new ZipOutputStream(Files.newOutputStream(out))) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        copy.putNextEntry(new ZipEntry(file.getKey()));
        copy.write(file.getValue());
        copy.closeEntry();
      }
    }
    return out;
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
    Map<String, byte[]> files = entries(bundle);
    byte[] original = files.get(target);
    byte[] changed = new String(original).replace("lease.txt", "lease.TXT").getBytes();
    files.put(target, changed);
    files.put(
        "chain.json",
        new String(files.get("chain.json"))
            .replace(Certificate.sha256Hex(original), Certificate.sha256Hex(changed))
            .getBytes());
    // Even with SHA256SUMS signed by the server's own key, the certificate's signature fails.
    return writeWithSums(files, out, serverSigningKey());
  }

  /** The server's signing key itself, as only the server (or a thief of its data root) has it. */
  private SigningKey serverSigningKey() {
    return SigningKey.loadOrCreate(root.resolve("security").resolve("signing_key.pem"));
  }

  private static byte[] read(ZipFile zip, ZipEntry entry) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }
}

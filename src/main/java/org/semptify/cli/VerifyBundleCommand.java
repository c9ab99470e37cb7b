package org.semptify.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.semptify.vault.Certificate;
import org.semptify.vault.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code semptify verify-bundle FILE.zip}: checks an export's hashes, signatures and chain. */
@Command(
    name = "verify-bundle",
    mixinStandardHelpOptions = true,
    description = {
      "Check a vault export: every file against SHA256SUMS, every certificate's Ed25519 signature,",
      "every document against its certificate, and the whole chain from genesis to head.",
      "Exit 0 with a summary when intact; exit 1 naming the first broken file or link."
    })
public final class VerifyBundleCommand implements Callable<Integer> {
  private final CliEnvironment environment;

  @Parameters(
      index = "0",
      paramLabel = "FILE.zip",
      description = "The ZIP downloaded from /vault/export.")
  Path bundle;

  public VerifyBundleCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    Path file = environment.workingDirectory().resolve(bundle);
    try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
      String problem = verify(zip);
      if (problem != null) {
        environment.err().println("BROKEN: " + problem);
        return 1;
      }
      return 0;
    } catch (IOException e) {
      environment.err().println("BROKEN: " + bundle + " is not a readable ZIP file");
      return 1;
    }
  }

  private String verify(ZipFile zip) throws IOException {
    Map<String, String> actual = new HashMap<>();
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry entry = entries.nextElement();
      if (!entry.isDirectory()) {
        actual.put(entry.getName(), sha256(zip, entry));
      }
    }
    ZipEntry sumsEntry = zip.getEntry("SHA256SUMS");
    if (sumsEntry == null) {
      return "SHA256SUMS is missing";
    }
    Map<String, String> listed = new LinkedHashMap<>();
    for (String line : text(zip, sumsEntry).split("\n")) {
      if (!line.isBlank()) {
        int split = line.indexOf("  ");
        if (split != 64) {
          return "SHA256SUMS has a malformed line";
        }
        listed.put(line.substring(split + 2), line.substring(0, split));
      }
    }
    for (Map.Entry<String, String> sum : listed.entrySet()) {
      String got = actual.get(sum.getKey());
      if (got == null) {
        return sum.getKey() + " is listed in SHA256SUMS but missing";
      }
      if (!got.equals(sum.getValue())) {
        return sum.getKey() + " does not match its SHA-256 in SHA256SUMS";
      }
    }
    for (String name : actual.keySet()) {
      if (!name.equals("SHA256SUMS") && !listed.containsKey(name)) {
        return name + " is not listed in SHA256SUMS";
      }
    }
    ZipEntry keyEntry = zip.getEntry("semptify-signing-key.pem");
    ZipEntry chainEntry = zip.getEntry("chain.json");
    if (keyEntry == null || chainEntry == null) {
      return (keyEntry == null ? "semptify-signing-key.pem" : "chain.json") + " is missing";
    }
    String publicKey = text(zip, keyEntry);
    ObjectMapper json = new ObjectMapper();
    JsonNode chain = json.readTree(text(zip, chainEntry));
    String previous = Certificate.GENESIS;
    int certificates = 0;
    int documents = 0;
    long expectedSeq = 1;
    for (JsonNode link : chain.path("links")) {
      String certificatePath = link.path("certificate").asText();
      ZipEntry certificateEntry = zip.getEntry(certificatePath);
      ZipEntry signatureEntry = zip.getEntry(link.path("signature").asText());
      if (certificateEntry == null || signatureEntry == null) {
        return "chain link "
            + link.path("seq").asText()
            + ": "
            + certificatePath
            + " or its signature is missing";
      }
      byte[] certificateBytes = bytes(zip, certificateEntry);
      if (!SigningKey.verify(publicKey, certificateBytes, bytes(zip, signatureEntry))) {
        return certificatePath + ": the signature does not verify";
      }
      String hash = actual.get(certificatePath);
      JsonNode certificate = json.readTree(certificateBytes);
      if (!hash.equals(link.path("sha256").asText())) {
        return "chain.json: link "
            + link.path("seq").asText()
            + " names the wrong hash for "
            + certificatePath;
      }
      if (!previous.equals(certificate.path("prev").asText())) {
        return certificatePath
            + ": the chain is broken here (prev does not match the certificate before it)";
      }
      if (certificate.path("seq").asLong() != expectedSeq) {
        return certificatePath
            + ": sequence number "
            + certificate.path("seq").asText()
            + " where "
            + expectedSeq
            + " was expected";
      }
      // Uploads, and records about a document (service, filing, attestation), name its SHA-256.
      if (certificate.hasNonNull("doc_id") && certificate.hasNonNull("sha256")) {
        String prefix = "files/" + certificate.path("doc_id").asText() + "-";
        String documentHash =
            actual.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        if (documentHash != null) {
          documents += "upload".equals(certificate.path("type").asText()) ? 1 : 0;
          if (!documentHash.equals(certificate.path("sha256").asText())) {
            return prefix + "…: the file does not match its certificate's sha256";
          }
        }
      }
      previous = hash;
      certificates++;
      expectedSeq++;
    }
    if (!previous.equals(chain.path("head").asText(Certificate.GENESIS))) {
      return "chain.json: the head does not match the last certificate";
    }
    environment
        .out()
        .println(
            "OK: "
                + documents
                + " document(s) and "
                + certificates
                + " certificate(s) verified; chain intact from genesis to head "
                + previous);
    return null;
  }

  private static String sha256(ZipFile zip, ZipEntry entry) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
        digesting.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(ZipFile zip, ZipEntry entry) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  private static String text(ZipFile zip, ZipEntry entry) throws IOException {
    return new String(bytes(zip, entry), StandardCharsets.UTF_8);
  }
}

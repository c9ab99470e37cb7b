package org.semptify.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.semptify.store.DataRoot;
import org.semptify.vault.Certificate;
import org.semptify.vault.FileNames;
import org.semptify.vault.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code semptify verify-bundle FILE.zip}: checks an export's hashes, signatures and chain against
 * a key the checker trusts. The key inside the ZIP proves nothing by itself (anyone can re-sign a
 * forged bundle with their own key and put that key in it), so it is only compared, never trusted.
 */
@Command(
    name = "verify-bundle",
    mixinStandardHelpOptions = true,
    description = {
      "Check a vault export: every file against SHA256SUMS and the Ed25519",
      "signature of SHA256SUMS, every certificate's signature against a trusted",
      "key, every document against its certificate, the chain from genesis to",
      "head, and that every file under files/ and certificates/ is covered by a",
      "signed certificate.",
      "The trusted key is --key, else the signing key of the data root",
      "(--data-root, else SEMPTIFY_DATA_ROOT) if it holds one. The key inside",
      "the ZIP is never trusted: a bundle signed by any other key is broken.",
      "Exit codes: 0 intact and signed by the trusted key; 1 broken (the first",
      "break is named); 2 usage error or unreadable key; 3 intact but UNVERIFIED:",
      "no trusted key given (prints the bundle key's SHA-256 fingerprint, of its",
      "DER form as in the bundle's README.txt, to compare with the server's)."
    })
public final class VerifyBundleCommand implements Callable<Integer> {
  static final int UNVERIFIED = 3;
  private static final String KEY_FILE = "semptify-signing-key.pem";

  private static final String SUMS = "SHA256SUMS";
  private static final String SUMS_SIGNATURE = "SHA256SUMS.sig";

  /**
   * Files every export carries that no certificate covers: the signature of SHA256SUMS covers them
   * (and SHA256SUMS.sig covers SHA256SUMS).
   */
  private static final Set<String> FRAME =
      Set.of(SUMS, SUMS_SIGNATURE, "chain.json", "README.txt", KEY_FILE);

  /** The folder of records (ledger, logbook, audit trail): covered by the signed SHA256SUMS. */
  private static final String RECORDS = "records/";

  private final CliEnvironment environment;

  @Parameters(
      index = "0",
      paramLabel = "FILE.zip",
      description = "The ZIP downloaded from /vault/export.")
  Path bundle;

  @Option(
      names = "--key",
      paramLabel = "KEY.pem",
      description = {
        "The server's public key, saved from the server's",
        "/.well-known/semptify-signing-key.pem."
      })
  Path key;

  @Option(
      names = "--data-root",
      paramLabel = "DIR",
      description =
          "Trust the signing key in DIR/security/signing_key.pem (default: SEMPTIFY_DATA_ROOT);"
              + " used only without --key.")
  Path dataRoot;

  public VerifyBundleCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  /** The key the checker trusts, and where it came from. */
  private record TrustedKey(String pem, String fingerprint, String source) {}

  @Override
  public Integer call() {
    TrustedKey trusted;
    try {
      trusted = trustedKey();
    } catch (IOException | IllegalArgumentException e) {
      environment.err().println("semptify: " + e.getMessage());
      return 2;
    }
    Path file = environment.workingDirectory().resolve(bundle);
    try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
      String problem = new Check(zip, trusted).run();
      if (problem != null) {
        environment.err().println("BROKEN: " + problem);
        return 1;
      }
      return trusted == null ? UNVERIFIED : 0;
    } catch (IOException | RuntimeException e) {
      environment.err().println("BROKEN: " + bundle + " is not a readable Semptify export");
      return 1;
    }
  }

  private TrustedKey trustedKey() throws IOException {
    if (key != null) {
      Path file = environment.workingDirectory().resolve(key);
      return load(file, "--key " + key);
    }
    Path root = dataRoot;
    if (root == null) {
      String variable = environment.variables().get("SEMPTIFY_DATA_ROOT");
      root = variable == null || variable.isBlank() ? null : Path.of(variable.strip());
    }
    if (root == null) {
      return null;
    }
    Path file =
        new DataRoot(environment.workingDirectory().resolve(root))
            .security()
            .resolve("signing_key.pem");
    return Files.exists(file) ? load(file, "the data root's " + file) : null;
  }

  private static TrustedKey load(Path file, String source) throws IOException {
    String pem;
    try {
      pem = SigningKey.readPublicKeyPem(file);
    } catch (IOException e) {
      throw new IOException(source + " cannot be read", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " holds no Ed25519 public key (PEM)", e);
    }
    return new TrustedKey(pem, SigningKey.fingerprint(pem), source);
  }

  /** Hex digests and fingerprints compared in constant time. */
  private static boolean sameHash(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  /** One bundle's check; {@link #run()} answers the first break, or null. */
  private final class Check {
    private final ZipFile zip;
    private final TrustedKey trusted;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> actual = new HashMap<>();

    /** Every file a signed certificate covers: certificates, signatures, documents. */
    private final Set<String> covered = new HashSet<>();

    Check(ZipFile zip, TrustedKey trusted) {
      this.zip = zip;
      this.trusted = trusted;
    }

    String run() throws IOException {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (!entry.isDirectory() && actual.put(entry.getName(), sha256(entry)) != null) {
          return entry.getName() + " appears twice in the ZIP";
        }
      }
      String problem = checkSums();
      if (problem != null) {
        return problem;
      }
      ZipEntry keyEntry = zip.getEntry(KEY_FILE);
      ZipEntry chainEntry = zip.getEntry("chain.json");
      if (keyEntry == null || chainEntry == null) {
        return (keyEntry == null ? KEY_FILE : "chain.json") + " is missing";
      }
      String bundleFingerprint;
      try {
        bundleFingerprint = SigningKey.fingerprint(text(keyEntry));
      } catch (IllegalArgumentException e) {
        return KEY_FILE + " holds no Ed25519 public key";
      }
      if (trusted != null && !sameHash(bundleFingerprint, trusted.fingerprint())) {
        return "the bundle was signed by key "
            + bundleFingerprint
            + ", not by the trusted key "
            + trusted.fingerprint()
            + " ("
            + trusted.source()
            + ")";
      }
      // Signatures are checked with the trusted key itself, never with the bundle's copy of it.
      String verifyingKey = trusted != null ? trusted.pem() : text(keyEntry);
      ZipEntry signatureEntry = zip.getEntry(SUMS_SIGNATURE);
      if (signatureEntry == null) {
        return SUMS_SIGNATURE
            + " is missing, so the records and chain.json are not covered by any signature"
            + " (exports made before it existed lack it: export the vault again)";
      }
      if (!SigningKey.verify(verifyingKey, bytes(zip.getEntry(SUMS)), bytes(signatureEntry))) {
        return SUMS + ": the signature in " + SUMS_SIGNATURE + " does not verify";
      }
      return checkChain(json.readTree(text(chainEntry)), verifyingKey, bundleFingerprint);
    }

    private String checkSums() throws IOException {
      ZipEntry sumsEntry = zip.getEntry(SUMS);
      if (sumsEntry == null) {
        return SUMS + " is missing";
      }
      Map<String, String> listed = new LinkedHashMap<>();
      for (String line : text(sumsEntry).split("\n")) {
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
        if (!sameHash(got, sum.getValue())) {
          return sum.getKey() + " does not match its SHA-256 in SHA256SUMS";
        }
      }
      for (String name : actual.keySet()) {
        if (!name.equals(SUMS) && !name.equals(SUMS_SIGNATURE) && !listed.containsKey(name)) {
          return name + " is not listed in SHA256SUMS";
        }
      }
      return null;
    }

    private String checkChain(JsonNode chain, String verifyingKey, String bundleFingerprint)
        throws IOException {
      String previous = Certificate.GENESIS;
      int certificates = 0;
      long expectedSeq = 1;
      // The documents the chain says the vault holds: doc id -> (path in files/, its sha256).
      Map<String, String[]> held = new LinkedHashMap<>();
      for (JsonNode link : chain.path("links")) {
        String certificatePath = link.path("certificate").asText();
        String signaturePath = link.path("signature").asText();
        ZipEntry certificateEntry = zip.getEntry(certificatePath);
        ZipEntry signatureEntry = zip.getEntry(signaturePath);
        if (certificateEntry == null || signatureEntry == null) {
          return "chain link "
              + link.path("seq").asText()
              + ": "
              + certificatePath
              + " or its signature is missing";
        }
        if (!covered.add(certificatePath) || !covered.add(signaturePath)) {
          return "chain.json: " + certificatePath + " or its signature is linked twice";
        }
        byte[] certificateBytes = bytes(certificateEntry);
        if (!SigningKey.verify(verifyingKey, certificateBytes, bytes(signatureEntry))) {
          return certificatePath + ": the signature does not verify";
        }
        String hash = actual.get(certificatePath);
        JsonNode certificate = json.readTree(certificateBytes);
        if (!sameHash(hash, link.path("sha256").asText())) {
          return "chain.json: link "
              + link.path("seq").asText()
              + " names the wrong hash for "
              + certificatePath;
        }
        if (!sameHash(previous, certificate.path("prev").asText())) {
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
        String problem = checkSubject(certificatePath, certificate, held);
        if (problem != null) {
          return problem;
        }
        previous = hash;
        certificates++;
        expectedSeq++;
      }
      if (!sameHash(previous, chain.path("head").asText(Certificate.GENESIS))) {
        return "chain.json: the head does not match the last certificate";
      }
      for (Map.Entry<String, String[]> document : held.entrySet()) {
        String path = document.getValue()[0];
        String documentHash = actual.get(path);
        if (documentHash == null) {
          return path + " is missing: its upload certificate has no deletion record";
        }
        if (!sameHash(documentHash, document.getValue()[1])) {
          return path + ": the file does not match its certificate's sha256";
        }
        covered.add(path);
      }
      int records = 0;
      for (String name : actual.keySet()) {
        if (name.startsWith(RECORDS)) {
          records++;
        } else if (!covered.contains(name) && !FRAME.contains(name)) {
          return name + " is not covered by any signed certificate";
        }
      }
      report(held.size(), certificates, previous, records, bundleFingerprint);
      return null;
    }

    /**
     * An upload adds its document to those the vault holds, a deletion removes it; a record about a
     * document (service, filing, attestation) names its SHA-256, which must match if the file is
     * here.
     */
    private String checkSubject(
        String certificatePath, JsonNode certificate, Map<String, String[]> held) {
      String type = certificate.path("type").asText();
      String docId = certificate.path("doc_id").asText(null);
      if (docId == null) {
        return null;
      }
      if (type.equals("upload")) {
        String path =
            "files/"
                + docId
                + "-"
                + FileNames.asciiFallback(certificate.path("filename").asText()).replace('/', '_');
        if (held.put(docId, new String[] {path, certificate.path("sha256").asText()}) != null) {
          return certificatePath + ": document " + docId + " was already uploaded";
        }
        return null;
      }
      if (type.equals("deletion")) {
        held.remove(docId);
        return null;
      }
      String[] document = held.get(docId);
      if (document != null && certificate.hasNonNull("sha256")) {
        String documentHash = actual.get(document[0]);
        if (documentHash != null && !sameHash(documentHash, certificate.path("sha256").asText())) {
          return document[0] + ": the file does not match " + certificatePath + "'s sha256";
        }
      }
      return null;
    }

    private void report(
        int documents, int certificates, String head, int records, String bundleFingerprint) {
      String summary =
          documents
              + " document(s) and "
              + certificates
              + " certificate(s) verified; chain intact from genesis to head "
              + head;
      String recordsNote =
          records == 0 ? "" : "; " + records + " record file(s) covered by the signed SHA256SUMS";
      if (trusted != null) {
        environment
            .out()
            .println(
                "OK: "
                    + summary
                    + recordsNote
                    + "; signed by the trusted key "
                    + trusted.fingerprint()
                    + " ("
                    + trusted.source()
                    + ")");
        return;
      }
      environment.out().println("Consistent: " + summary + recordsNote);
      environment.out().println("Bundle key SHA-256 fingerprint: " + bundleFingerprint);
      environment
          .err()
          .println(
              "UNVERIFIED: no trusted key given. The key inside the bundle proves nothing by"
                  + " itself: run again with --key (the server's"
                  + " /.well-known/semptify-signing-key.pem) or --data-root, or compare the"
                  + " fingerprint above with the server's.");
    }

    private String sha256(ZipEntry entry) throws IOException {
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

    private byte[] bytes(ZipEntry entry) throws IOException {
      try (InputStream in = zip.getInputStream(entry)) {
        return in.readAllBytes();
      }
    }

    private String text(ZipEntry entry) throws IOException {
      return new String(bytes(entry), StandardCharsets.UTF_8);
    }
  }
}

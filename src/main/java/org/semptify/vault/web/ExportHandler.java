package org.semptify.vault.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Payload;
import org.semptify.users.VaultAccess;
import org.semptify.users.web.UserAuthenticator;
import org.semptify.vault.Certificate;
import org.semptify.vault.Document;
import org.semptify.vault.ExportExtras;
import org.semptify.vault.FileNames;
import org.semptify.vault.Manifest;
import org.semptify.vault.SigningKey;
import org.semptify.vault.Vault;
import org.semptify.vault.VaultStorage;
import org.semptify.web.RequestAttributes;
import org.semptify.web.ResponseAbort;

/**
 * {@code GET /vault/export}: the whole vault as one ZIP that anyone can check without Semptify —
 * {@code sha256sum -c SHA256SUMS} for every byte, {@code openssl} for every signature, and the
 * chain by comparing each certificate's {@code prev} with the previous certificate's hash.
 * Streamed: files are decrypted into the ZIP as it is sent.
 */
public final class ExportHandler {
  static final String KEY_FILE = "semptify-signing-key.pem";
  static final String SUMS_FILE = "SHA256SUMS";
  static final String SUMS_SIGNATURE_FILE = "SHA256SUMS.sig";
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final UserAuthenticator auth;
  private final VaultStorage storage;
  private final EventLog events;
  private ExportExtras extras = vault -> Map.of();

  public ExportHandler(UserAuthenticator auth, VaultStorage storage, EventLog events) {
    this.auth = auth;
    this.storage = storage;
    this.events = events;
  }

  /** Set once while the server is assembled, before it serves requests. */
  public void include(ExportExtras more) {
    this.extras = more;
  }

  /**
   * All or nothing: the manifest and the blobs it names are a {@link Vault.Snapshot} (a delete
   * racing the export waits for it), every file is checked against its certificate's SHA-256 as it
   * is sent, and if anything fails the connection is aborted before the ZIP's central directory is
   * written, so no client is left with a complete-looking file. Event {@code export_failed}.
   */
  public void export(Context ctx) throws IOException {
    VaultAccess access = auth.require(ctx);
    Vault vault = storage.open(access);
    try (Vault.Snapshot snapshot = vault.snapshot()) {
      Manifest manifest = snapshot.manifest();
      events.record(
          EventType.VAULT_EXPORT,
          RequestAttributes.requestId(ctx),
          Payload.of(EventField.USER_ID, access.userId())
              .with(EventField.COUNT, manifest.documents().size()));
      Map<String, byte[]> extraFiles = extras.files(vault);
      String name = "semptify-vault-" + LocalDate.now(ZoneOffset.UTC) + ".zip";
      ctx.contentType("application/zip");
      ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
      ZipOutputStream zip =
          new ZipOutputStream(ctx.res().getOutputStream(), StandardCharsets.UTF_8);
      try {
        write(snapshot, extraFiles, storage.signingKey(), zip);
        zip.close(); // only now the central directory
      } catch (IOException | RuntimeException e) {
        // Never zip.close(): that would finish a well-formed ZIP without the missing files.
        failed(ctx, access, e);
        if (!ctx.res().isCommitted()) {
          // Nothing has left yet: drop the buffered start of the ZIP and answer with an error.
          ctx.res().resetBuffer();
          ctx.res().setHeader("Content-Disposition", null);
          throw e;
        }
        ResponseAbort.abort(ctx, e);
      }
    }
  }

  private void failed(Context ctx, VaultAccess access, Exception e) {
    try {
      events.record(
          EventType.EXPORT_FAILED,
          RequestAttributes.requestId(ctx),
          Payload.of(EventField.USER_ID, access.userId())
              .with(
                  EventField.REASON,
                  e instanceof BrokenBlobException broken ? broken.reason : "write_failed"));
    } catch (RuntimeException ignored) {
      // The answer matters more than the event; readiness reports an unwritable log.
    }
  }

  /** A blob that cannot be read, or whose plaintext does not match its certificate. */
  private static final class BrokenBlobException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    BrokenBlobException(String reason, Throwable cause) {
      super(reason, cause);
      this.reason = reason;
    }
  }

  static void write(
      Vault.Snapshot snapshot,
      Map<String, byte[]> extraFiles,
      SigningKey signingKey,
      ZipOutputStream zip)
      throws IOException {
    String publicKeyPem = signingKey.publicKeyPem();
    Manifest manifest = snapshot.manifest();
    List<String> sums = new ArrayList<>();
    List<Map<String, Object>> chain = new ArrayList<>();
    for (Document document : manifest.documents()) {
      // ASCII entry names: unzip and sha256sum -c work in any locale. The exact name is in the
      // certificate.
      String path =
          "files/"
              + document.docId()
              + "-"
              + FileNames.asciiFallback(document.filename()).replace('/', '_');
      zip.putNextEntry(new ZipEntry(path));
      copyVerified(snapshot, document, zip);
      zip.closeEntry();
      sums.add(document.sha256() + "  " + path);
    }
    for (Certificate certificate : manifest.chain()) {
      String base = certificatePath(certificate);
      byte[] json = certificate.canonicalBytes();
      byte[] signature = Base64.getDecoder().decode(certificate.signature());
      put(zip, base + ".json", json, sums);
      put(zip, base + ".sig", signature, sums);
      Map<String, Object> link = new LinkedHashMap<>();
      link.put("seq", certificate.fields().get("seq"));
      link.put("certificate", base + ".json");
      link.put("signature", base + ".sig");
      link.put("sha256", certificate.hash());
      link.put("prev", certificate.prev());
      chain.add(link);
    }
    Map<String, Object> chainFile = new LinkedHashMap<>();
    chainFile.put("genesis", Certificate.GENESIS);
    chainFile.put("head", manifest.head());
    chainFile.put("links", chain);
    put(zip, "chain.json", PRETTY.writeValueAsBytes(chainFile), sums);
    for (Map.Entry<String, byte[]> extra : new java.util.TreeMap<>(extraFiles).entrySet()) {
      put(zip, extra.getKey(), extra.getValue(), sums);
    }
    put(zip, KEY_FILE, publicKeyPem.getBytes(StandardCharsets.US_ASCII), sums);
    put(
        zip,
        "README.txt",
        readme(SigningKey.fingerprint(publicKeyPem)).getBytes(StandardCharsets.UTF_8),
        sums);
    // The signed list of every file: it covers what no certificate does (records, chain.json's
    // head), so neither an edited record nor a chain cut short after the export goes unnoticed.
    byte[] sumsFile = (String.join("\n", sums) + "\n").getBytes(StandardCharsets.UTF_8);
    zip.putNextEntry(new ZipEntry(SUMS_FILE));
    zip.write(sumsFile);
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry(SUMS_SIGNATURE_FILE));
    zip.write(signingKey.sign(sumsFile));
    zip.closeEntry();
  }

  /**
   * Decrypts a document into the ZIP, hashing it on the way; a blob that is missing, fails to
   * decrypt, or does not match its certificate's SHA-256 breaks the export.
   */
  private static void copyVerified(Vault.Snapshot snapshot, Document document, OutputStream zip)
      throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    InputStream plaintext;
    try {
      plaintext = snapshot.open(document.docId());
    } catch (IOException e) {
      throw new BrokenBlobException("blob_unreadable", e);
    }
    try (plaintext) {
      byte[] buffer = new byte[64 * 1024];
      while (true) {
        int n;
        try {
          n = plaintext.read(buffer);
        } catch (IOException e) {
          throw new BrokenBlobException("blob_unreadable", e);
        }
        if (n < 0) {
          break;
        }
        sha256.update(buffer, 0, n);
        zip.write(buffer, 0, n);
      }
    }
    if (!HexFormat.of().formatHex(sha256.digest()).equals(document.sha256())) {
      throw new BrokenBlobException("blob_mismatch", null);
    }
  }

  /** Uploads by document id; deletions and records by type and sequence number. */
  static String certificatePath(Certificate certificate) {
    Object type = certificate.fields().get("type");
    if ("upload".equals(type)) {
      return "certificates/" + certificate.docId();
    }
    if ("deletion".equals(type)) {
      return "certificates/deletion-" + certificate.fields().get("seq") + "-" + certificate.docId();
    }
    return "certificates/" + type + "-" + certificate.fields().get("seq");
  }

  private static void put(ZipOutputStream zip, String path, byte[] bytes, List<String> sums)
      throws IOException {
    zip.putNextEntry(new ZipEntry(path));
    zip.write(bytes);
    zip.closeEntry();
    sums.add(Certificate.sha256Hex(bytes) + "  " + path);
  }

  /** The guide for a reader, naming the fingerprint of the key that signed the certificates. */
  static String readme(String keyFingerprint) {
    return """
        Semptify vault export
        =====================

        files/          the documents, byte for byte as they were received
        certificates/   one certificate per document (.json) and the server's signature of it (.sig);
                        deletion-*.json records that a document's bytes were removed;
                        certified_post-*, court_clerk_filing-* and notary_attestation-*.json record
                        a service of notice, a court filing or a hash attestation, with the SHA-256
                        of the document they concern
        records/        your rent ledger (ledger.csv), logbook (logbook.ics) and everything in your
                        records with their audit trail (records.json)
        chain.json      the certificates in order; each one's "prev" is the SHA-256 of the one before
                        (the first one's "prev" is 64 zeros)
        SHA256SUMS      the SHA-256 of every file in this folder
        SHA256SUMS.sig  the server's signature of SHA256SUMS, made when the export was: it covers
                        every file, records and chain.json included
        semptify-signing-key.pem   the public key of the server that signed the certificates;
                        its SHA-256 fingerprint is
                        KEY_FINGERPRINT

        How to check this export (Linux or macOS; on Windows use WSL or Git Bash)
        -------------------------------------------------------------------------
        1. Unzip it and open a terminal in the unzipped folder.

        2. Check that no file was changed:

             sha256sum -c SHA256SUMS

           Every line must end in "OK". Then check that the server signed that list:

             openssl pkeyutl -verify -pubin -inkey semptify-signing-key.pem -rawin \\
               -in SHA256SUMS -sigfile SHA256SUMS.sig

        3. Check that this server signed a certificate (repeat for each certificate; the
           signed SHA256SUMS already covers them, this shows each one stands alone):

             openssl pkeyutl -verify -pubin -inkey semptify-signing-key.pem -rawin \\
               -in certificates/DOC_ID.json -sigfile certificates/DOC_ID.sig

           Both must print "Signature Verified Successfully". This only shows that the key in this
           ZIP signed it: anyone can put their own key here. So check that the key is the server's.
           Its fingerprint (the SHA-256 of the key in DER form) is printed above; compare it with the
           fingerprint of the key the server publishes:

             curl -s https://SERVER/.well-known/semptify-signing-key.pem \\
               | openssl pkey -pubin -outform DER | sha256sum

             openssl pkey -pubin -in semptify-signing-key.pem -outform DER | sha256sum

           Both must print the fingerprint above. If they differ, the certificates prove nothing.

        4. Check that a document matches its certificate: the "sha256" inside
           certificates/DOC_ID.json equals the first column of its files/ line in SHA256SUMS.

        5. Check the chain: for each link in chain.json,

             sha256sum certificates/DOC_ID.json

           equals that link's "sha256" and the next link's "prev".

        Or, with Semptify installed, against the key saved from the server:

             semptify verify-bundle THIS-FILE.zip --key semptify-signing-key-from-server.pem

        Exit code 0: intact and signed by that key; 1: broken (the first break is named);
        3: intact, but no trusted key was given, so who signed it is unchecked.
        """
        .replace("KEY_FINGERPRINT", keyFingerprint);
  }
}

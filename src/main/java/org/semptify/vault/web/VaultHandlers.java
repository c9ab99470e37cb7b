package org.semptify.vault.web;

import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.semptify.config.VaultSettings;
import org.semptify.i18n.Message;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Metrics;
import org.semptify.ops.Payload;
import org.semptify.security.web.Sessions;
import org.semptify.users.UserStore;
import org.semptify.users.VaultAccess;
import org.semptify.users.web.UserAuthenticator;
import org.semptify.vault.Certificate;
import org.semptify.vault.CertificateJson;
import org.semptify.vault.Document;
import org.semptify.vault.DocumentJson;
import org.semptify.vault.FileNames;
import org.semptify.vault.Manifest;
import org.semptify.vault.NewDocument;
import org.semptify.vault.Vault;
import org.semptify.vault.VaultStorage;
import org.semptify.web.Notice;
import org.semptify.web.Pages;
import org.semptify.web.RequestAttributes;
import org.semptify.web.ResponseBody;

/** The vault for browsers ({@code /vault…}) and programs ({@code /api/vault…}). */
public final class VaultHandlers {
  private final UserAuthenticator auth;
  private final UserStore users;
  private final VaultStorage storage;
  private final UploadReceiver receiver;
  private final VaultSettings limits;
  private final Sessions sessions;
  private final Pages pages;
  private final EventLog events;
  private final Metrics metrics;

  public VaultHandlers(
      UserAuthenticator auth,
      UserStore users,
      VaultStorage storage,
      UploadReceiver receiver,
      VaultSettings limits,
      Sessions sessions,
      Pages pages,
      EventLog events,
      Metrics metrics) {
    this.auth = auth;
    this.users = users;
    this.storage = storage;
    this.receiver = receiver;
    this.limits = limits;
    this.sessions = sessions;
    this.pages = pages;
    this.events = events;
    this.metrics = metrics;
  }

  /** {@code GET /vault}: "Document Vault", the list and the upload form. */
  public void page(Context ctx) {
    Vault vault = storage.open(auth.require(ctx));
    Manifest manifest = vault.manifest();
    pages.render(
        ctx,
        "vault.jte",
        Map.of(
            "label", manifest.label() == null ? "" : manifest.label(),
            "documents", manifest.documents(),
            "shares", manifest.shares(),
            "highlight", ctx.queryParam("new") == null ? "" : ctx.queryParam("new"),
            "usedBytes", manifest.usedBytes(),
            "quotaBytes", limits.quotaBytes(),
            "maxUploadMb", limits.maxUploadBytes() / (1024 * 1024)));
  }

  /**
   * {@code POST /vault/open}: the token form (or a confirmed link); a session replaces the token.
   */
  public void open(Context ctx) {
    auth.open(ctx);
    ctx.redirect("/vault", HttpStatus.SEE_OTHER);
  }

  /**
   * {@code POST /vault/token/rotate}: a new token, shown once; the old one stops working at once.
   */
  public void rotateToken(Context ctx) {
    VaultAccess access = auth.require(ctx);
    events.requireWritable();
    String token = users.rotateToken(access.userId(), access.dataKey());
    sessions.startUser(
        ctx,
        access.userId(),
        access.dataKey(),
        org.semptify.crypto.Tokens.fingerprint(org.semptify.crypto.Tokens.hash(token)));
    events.record(
        EventType.USER_TOKEN_ROTATED,
        RequestAttributes.requestId(ctx),
        Payload.of(EventField.USER_ID, access.userId()));
    if (org.semptify.web.ResponseFormat.wantsHtml(ctx)) {
      pages.render(
          ctx,
          "token_rotated.jte",
          Map.of("token", token, "vaultUrl", RequestAttributes.absoluteUrl(ctx, "/vault")));
    } else {
      ctx.json(Map.of("token", token));
    }
  }

  /** {@code POST /vault/logout}. */
  public void logout(Context ctx) {
    sessions.endUser(ctx);
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  /**
   * {@code POST /vault/upload} (browsers: 303 back to the vault) and {@code POST /api/vault} (201
   * JSON).
   */
  public void upload(Context ctx) throws IOException {
    VaultAccess access = auth.require(ctx);
    Vault vault = storage.open(access);
    UploadReceiver.Batch batch =
        receiver.receiveAll(ctx, vault, limits.maxUploadBytes(), limits.quotaBytes());
    boolean program =
        ctx.path().startsWith("/api/") || !org.semptify.web.ResponseFormat.wantsHtml(ctx);
    if (batch.files().isEmpty()) {
      if (program) {
        throw UploadReceiver.fileRequired();
      }
      // A tenant who pressed Save before choosing anything: back to the buttons, told in words.
      pages.notify(ctx, Notice.of(Message.of("capture.none")));
      ctx.redirect("/vault#upload-heading", HttpStatus.SEE_OTHER);
      return;
    }
    Map<String, String> fields = batch.fields();
    String category = FormText.optional(fields.get("category"), 64);
    String description = FormText.optional(fields.get("description"), 2000);
    String eventDate = FormText.isoDate(fields.get("event_date"));
    // Where it happened, as typed (never read from the device): attested by each certificate.
    String place = FormText.optional(fields.get("place"), 200);
    Map<String, Object> attestation = place == null ? Map.of() : Map.of("place", place);
    List<Vault.Staged> staged = new ArrayList<>();
    for (UploadReceiver.ReceivedFile file : batch.files()) {
      staged.add(
          new Vault.Staged(
              file.blob(),
              new NewDocument(
                  FileNames.sanitise(file.originalName()), category, description, eventDate),
              attestation));
    }
    List<Vault.Committed> committed;
    try {
      events.requireWritable();
      // One manifest replacement: every file of the batch is kept, or none; each its certificate.
      committed = vault.commitAll(staged, RequestAttributes.requestId(ctx));
    } catch (IOException | RuntimeException e) {
      UploadReceiver.discardAll(vault, batch.files());
      throw e;
    }
    List<Map<String, Object>> listed = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Vault.Committed each : committed) {
      Document document = each.document();
      metrics.vaultUploads.inc();
      metrics.vaultUploadBytes.add(document.size());
      events.record(
          EventType.VAULT_UPLOAD,
          RequestAttributes.requestId(ctx),
          Payload.of(EventField.USER_ID, access.userId())
              .with(EventField.DOC_ID, document.docId())
              .with(EventField.SIZE, document.size())
              .with(EventField.CHAIN_HEAD, each.chainHead()));
      listed.add(DocumentJson.of(document));
      names.add(document.filename());
    }
    Document first = committed.get(0).document();
    if (program) {
      // One file: the document, as always; several: {"documents": [...]}.
      ctx.status(201).json(listed.size() == 1 ? listed.get(0) : Map.of("documents", listed));
    } else if (committed.size() == 1) {
      pages.notify(ctx, Notice.savedDocument(first.filename(), first.docId()));
      ctx.redirect(
          "/vault?new=" + URLEncoder.encode(first.docId(), StandardCharsets.UTF_8),
          HttpStatus.SEE_OTHER);
    } else {
      pages.notify(
          ctx,
          Notice.of(
              Message.of("status.savedMany", committed.size(), String.join(", ", names)),
              new Notice.Link("status.certificates", "/vault/certificates"),
              new Notice.Link("status.shareNext", "/vault#share-heading")));
      ctx.redirect("/vault#documents-heading", HttpStatus.SEE_OTHER);
    }
  }

  /** {@code GET /vault/files/{id}}: the exact bytes, as an attachment. */
  public void download(Context ctx) throws IOException {
    Vault vault = storage.open(auth.require(ctx));
    Document document =
        vault.manifest().document(ctx.pathParam("id")).orElseThrow(() -> new NotFoundResponse());
    metrics.vaultDownloads.inc();
    ctx.header("Content-Disposition", contentDisposition(document.filename()));
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Length", String.valueOf(document.size()));
    ctx.contentType(document.contentType());
    InputStream plaintext = vault.open(document.docId());
    ctx.result(plaintext);
  }

  /** {@code GET /vault/files/{id}/certificate} and {@code GET /api/vault/{id}/certificate}. */
  public void certificate(Context ctx) {
    Vault vault = storage.open(auth.require(ctx));
    Certificate certificate =
        vault.manifest().certificate(ctx.pathParam("id")).orElseThrow(() -> new NotFoundResponse());
    respondCertificate(ctx, pages, certificate, "/vault");
  }

  /**
   * A certificate: for a browser a readable, printable page in its language (the JSON one link
   * away, {@code ?format=json}); for a program ({@code Accept: application/json}) the JSON.
   */
  static void respondCertificate(
      Context ctx, Pages pages, Certificate certificate, String backHref) {
    if (!org.semptify.web.ResponseFormat.wantsHtml(ctx)
        || "json".equals(ctx.queryParam("format"))) {
      ctx.json(CertificateJson.of(certificate));
      return;
    }
    String query = ctx.queryString();
    String jsonHref = ctx.path() + "?" + (query == null ? "" : query + "&") + "format=json";
    pages.render(
        ctx,
        "certificate.jte",
        Map.of("certificate", certificate, "jsonHref", jsonHref, "backHref", backHref));
  }

  /** {@code GET /api/vault}. */
  public void list(Context ctx) {
    Vault vault = storage.open(auth.require(ctx));
    ResponseBody.send(ctx, ContentType.JSON, vault.listingJson());
  }

  /** {@code GET /api/vault/{id}}. */
  public void document(Context ctx) {
    Vault vault = storage.open(auth.require(ctx));
    Document document =
        vault.manifest().document(ctx.pathParam("id")).orElseThrow(() -> new NotFoundResponse());
    ctx.json(DocumentJson.of(document));
  }

  /**
   * {@code POST /vault/files/{id}/delete} and {@code DELETE /api/vault/{id}}: bytes gone, history
   * kept.
   */
  public void delete(Context ctx) throws IOException {
    VaultAccess access = auth.require(ctx);
    Vault vault = storage.open(access);
    events.requireWritable();
    String filename =
        vault.manifest().document(ctx.pathParam("id")).map(Document::filename).orElse("");
    Certificate record =
        vault
            .delete(ctx.pathParam("id"), RequestAttributes.requestId(ctx))
            .orElseThrow(() -> new NotFoundResponse());
    events.record(
        EventType.VAULT_DELETE,
        RequestAttributes.requestId(ctx),
        Payload.of(EventField.USER_ID, access.userId())
            .with(EventField.DOC_ID, record.docId())
            .with(EventField.CHAIN_HEAD, record.hash()));
    if (ctx.path().startsWith("/api/")) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("deleted", record.docId());
      body.put("deletion_record", CertificateJson.of(record));
      ctx.json(body);
    } else {
      pages.notify(ctx, Notice.of(Message.of("status.deleted", filename)));
      ctx.redirect("/vault", HttpStatus.SEE_OTHER);
    }
  }

  /** {@code GET /.well-known/semptify-signing-key.pem}. */
  public void signingKey(Context ctx) {
    ctx.contentType("application/x-pem-file").result(storage.signingKey().publicKeyPem());
  }

  /** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
  static String contentDisposition(String name) {
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\""
        + FileNames.asciiFallback(name)
        + "\"; filename*=UTF-8''"
        + encoded;
  }
}

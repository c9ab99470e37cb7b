package org.semptify.vault.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.semptify.i18n.Message;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Metrics;
import org.semptify.ops.Payload;
import org.semptify.security.web.Sessions;
import org.semptify.store.Share;
import org.semptify.users.VaultAccess;
import org.semptify.users.web.UserAuthenticator;
import org.semptify.vault.Document;
import org.semptify.vault.DocumentJson;
import org.semptify.vault.Manifest;
import org.semptify.vault.ShareNote;
import org.semptify.vault.ShareStore;
import org.semptify.vault.ShareUnavailableException;
import org.semptify.vault.Vault;
import org.semptify.vault.VaultStorage;
import org.semptify.web.Notice;
import org.semptify.web.Pages;
import org.semptify.web.RequestAttributes;
import org.semptify.web.ResponseFormat;

/**
 * Sharing with an attorney: a time-limited, read-only link to chosen documents. The holder sees the
 * documents and their certificates and nothing else; the owner's id is never shown.
 */
public final class ShareHandlers {
  private final Sessions sessions;
  static final int MAX_DAYS = 90;

  private final UserAuthenticator auth;
  private final VaultStorage storage;
  private final ShareStore shares;
  private final Pages pages;
  private final EventLog events;
  private final Metrics metrics;
  private final Clock clock;

  public ShareHandlers(
      UserAuthenticator auth,
      VaultStorage storage,
      ShareStore shares,
      Pages pages,
      EventLog events,
      Metrics metrics,
      Sessions sessions,
      Clock clock) {
    this.sessions = sessions;
    this.auth = auth;
    this.storage = storage;
    this.shares = shares;
    this.pages = pages;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * {@code POST /vault/shares}: {@code label}, {@code days} (1–90), optional {@code doc_id} fields.
   */
  public void create(Context ctx) throws IOException {
    VaultAccess access = auth.require(ctx);
    Vault vault = storage.open(access);
    String label = FormText.optional(ctx.formParam("label"), 100);
    if (label == null) {
      throw new BadRequestResponse("label is required (for example the attorney's name)");
    }
    int days;
    try {
      days = Integer.parseInt(String.valueOf(ctx.formParam("days")).strip());
    } catch (NumberFormatException e) {
      days = -1;
    }
    if (days < 1 || days > MAX_DAYS) {
      throw new BadRequestResponse("days must be a whole number from 1 to " + MAX_DAYS);
    }
    Manifest manifest = vault.manifest();
    List<String> chosen = ctx.formParams("doc_id");
    List<String> docIds = new ArrayList<>();
    for (Document document : manifest.documents()) {
      if (chosen.isEmpty() || chosen.contains(document.docId())) {
        docIds.add(document.docId());
      }
    }
    if (!chosen.isEmpty() && docIds.size() != chosen.size()) {
      throw new BadRequestResponse("a chosen document does not exist in this vault");
    }
    events.requireWritable();
    long now = clock.millis() / 1000;
    long expires = now + days * 86_400L;
    ShareStore.Issued issued =
        shares.issue(access.userId(), access.dataKey(), now, expires, docIds);
    // The manifest names the share before its file exists: a share always has an owner who sees
    // it and can revoke it (grant() refuses a file the manifest does not name).
    vault.updateShares(
        m ->
            m.withShare(
                new ShareNote(issued.shareId(), label, now, expires, docIds.size(), false)));
    boolean stored = false;
    try {
      shares.store(issued.share());
      stored = true;
    } finally {
      if (!stored) {
        try {
          vault.updateShares(m -> m.withoutShare(issued.shareId()));
        } catch (RuntimeException ignored) {
          // A note without a file opens nothing; the owner can still revoke it.
        }
      }
    }
    events.record(
        EventType.SHARE_CREATED,
        RequestAttributes.requestId(ctx),
        Payload.of(EventField.USER_ID, access.userId())
            .with(EventField.SHARE_ID, issued.shareId())
            .with(EventField.COUNT, docIds.size())
            .with(EventField.EXPIRES_TS, expires));
    String link =
        "/vault/share/"
            + issued.shareId()
            + "?grant_token="
            + URLEncoder.encode(issued.token(), StandardCharsets.UTF_8);
    if (ResponseFormat.wantsHtml(ctx)) {
      pages.render(
          ctx,
          "share_created.jte",
          Map.of(
              "link",
              RequestAttributes.absoluteUrl(ctx, link),
              "label",
              label,
              "days",
              days,
              "count",
              docIds.size()));
    } else {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("share_id", issued.shareId());
      body.put("url", link);
      body.put("grant_token", issued.token());
      body.put("expires_ts", expires);
      body.put("documents", docIds);
      ctx.status(201).json(body);
    }
  }

  /** {@code POST /vault/shares/{id}/revoke}. */
  public void revoke(Context ctx) throws IOException {
    VaultAccess access = auth.require(ctx);
    String shareId = ctx.pathParam("id");
    Vault vault = storage.open(access);
    events.requireWritable();
    Optional<ShareNote> note = vault.manifest().share(shareId);
    boolean live = note.isPresent() && !note.get().revoked();
    // A live note whose file is missing (a crash before the file was written) is revoked too.
    if (!shares.revoke(access.userId(), shareId) && !live) {
      throw new NotFoundResponse();
    }
    if (live) {
      vault.updateShares(m -> m.withShareRevoked(shareId));
    }
    events.record(
        EventType.SHARE_REVOKED,
        RequestAttributes.requestId(ctx),
        Payload.of(EventField.USER_ID, access.userId()).with(EventField.SHARE_ID, shareId));
    if (ResponseFormat.wantsHtml(ctx)) {
      pages.notify(
          ctx,
          Notice.of(
              Message.of("status.revoked", note.map(ShareNote::label).orElse("")),
              new Notice.Link("status.shareNext", "/vault#share-heading")));
      ctx.redirect("/vault", HttpStatus.SEE_OTHER);
    } else {
      ctx.json(Map.of("revoked", shareId));
    }
  }

  /** {@code GET /vault/share/{id}}: the shared documents. */
  public void view(Context ctx) {
    Granted granted = grant(ctx);
    List<Document> documents = granted.documents();
    if (ResponseFormat.wantsHtml(ctx)) {
      if (ctx.queryParam("grant_token") != null) {
        // The link's grant moves into this browser's cookie and out of the address bar (and the
        // history); the share's pages and downloads then need none in their addresses.
        sessions.holdShareGrant(ctx, granted.share().shareId(), granted.token());
        ctx.redirect("/vault/share/" + granted.share().shareId(), HttpStatus.SEE_OTHER);
        return;
      }
      pages.render(
          ctx,
          "share_view.jte",
          Map.of(
              "shareId",
              granted.share().shareId(),
              "documents",
              documents,
              "expiresTs",
              granted.share().expiresTs()));
    } else {
      List<Map<String, Object>> list = new ArrayList<>();
      documents.forEach(d -> list.add(DocumentJson.of(d)));
      ctx.json(Map.of("documents", list, "expires_ts", granted.share().expiresTs()));
    }
  }

  /** {@code GET /vault/share/{id}/files/{doc}}. */
  public void download(Context ctx) throws IOException {
    Granted granted = grant(ctx);
    Document document = granted.document(ctx.pathParam("doc"));
    metrics.vaultDownloads.inc();
    ctx.header("Content-Disposition", VaultHandlers.contentDisposition(document.filename()));
    ctx.header("Content-Length", String.valueOf(document.size()));
    ctx.contentType(document.contentType());
    ctx.result(granted.vault().open(document.docId()));
  }

  /** {@code GET /vault/share/{id}/files/{doc}/certificate}. */
  public void certificate(Context ctx) {
    Granted granted = grant(ctx);
    Document document = granted.document(ctx.pathParam("doc"));
    VaultHandlers.respondCertificate(
        ctx,
        pages,
        granted.vault().manifest().certificate(document.docId()).orElseThrow(NotFoundResponse::new),
        "/vault/share/" + granted.share().shareId());
  }

  private record Granted(Share share, String token, Vault vault, List<Document> documents) {
    Document document(String docId) {
      return documents.stream()
          .filter(d -> d.docId().equals(docId))
          .findFirst()
          .orElseThrow(NotFoundResponse::new);
    }
  }

  private Granted grant(Context ctx) {
    String token =
        ctx.header("X-Grant-Token") != null
            ? ctx.header("X-Grant-Token")
            : ctx.queryParam("grant_token");
    if (token == null) {
      token = sessions.shareGrant(ctx, ctx.pathParam("id")).orElse(null);
    }
    Optional<Share> share = shares.find(ctx.pathParam("id"));
    // A share is only as alive as its owner's account: disabled or expired, it answers like a
    // revoked one; re-enabled before the share's own expiry, it works again.
    if (share.isEmpty()
        || share.get().expired(clock.millis() / 1000)
        || !auth.accountUsable(share.get().userId())) {
      throw new ShareUnavailableException();
    }
    byte[] dataKey = shares.unlock(share.get(), token).orElseThrow(ShareUnavailableException::new);
    Vault vault = storage.open(new VaultAccess(share.get().userId(), dataKey));
    Manifest manifest = vault.manifest();
    Optional<ShareNote> note = manifest.share(share.get().shareId());
    if (note.isEmpty() || note.get().revoked()) {
      // A share exists only if its owner's manifest names it: a file left by a crash (or by a
      // revocation that removed the note's file too late) opens nothing and is removed.
      try {
        shares.revoke(share.get().userId(), share.get().shareId());
      } catch (RuntimeException ignored) {
        // Still refused; the next use tries to remove it again.
      }
      throw new ShareUnavailableException();
    }
    List<Document> documents =
        manifest.documents().stream()
            .filter(d -> share.get().docIds().contains(d.docId()))
            .toList();
    events.record(
        EventType.SHARE_ACCESS,
        RequestAttributes.requestId(ctx),
        Payload.of(EventField.SHARE_ID, share.get().shareId())
            .with(EventField.IP, RequestAttributes.clientIp(ctx)));
    return new Granted(share.get(), token, vault, documents);
  }
}

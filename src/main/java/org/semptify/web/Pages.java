package org.semptify.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.semptify.config.SecurityMode;
import org.semptify.i18n.Language;
import org.semptify.i18n.Message;
import org.semptify.i18n.Messages;
import org.semptify.i18n.Translator;

/** Renders the precompiled jte templates (auto-escaped HTML) into responses. */
public final class Pages {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
  private final SecurityMode mode;
  private final Messages messages;
  private final BrowserSession sessions;

  public Pages(SecurityMode mode, Messages messages, BrowserSession sessions) {
    this.mode = mode;
    this.messages = messages;
    this.sessions = sessions;
  }

  public PageContext context(Context ctx) {
    // Only GET pages are worth returning to after switching language.
    String path = "GET".equals(ctx.method().name()) ? ctx.path() : "/";
    return new PageContext(
        mode,
        RequestAttributes.requestId(ctx),
        sessions.formToken(ctx),
        translator(ctx),
        path,
        takeNotice(ctx),
        area(ctx.path()),
        ctx.cookie(TIP_COOKIE) == null,
        returnTo(ctx));
  }

  /**
   * Where the language switcher returns to: this page's own address with its query (a share view
   * keeps its grant), or null for a page that answers a form, which no address shows again. An
   * error page returns to its path alone, and no sign-in token is ever carried along: a token that
   * was refused must not be echoed into the page.
   */
  private static String returnTo(Context ctx) {
    if (!"GET".equals(ctx.method().name())) {
      return null;
    }
    String query = ctx.queryString();
    if (query == null || query.isEmpty() || ctx.statusCode() >= 400) {
      return ctx.path();
    }
    java.util.StringJoiner kept = new java.util.StringJoiner("&");
    for (String pair : query.split("&")) {
      String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
      if (!SIGN_IN_PARAMETERS.contains(name)) {
        kept.add(pair);
      }
    }
    return kept.length() == 0 ? ctx.path() : ctx.path() + "?" + kept;
  }

  /** Query parameters that sign someone in; never carried into a link the page shows. */
  private static final java.util.Set<String> SIGN_IN_PARAMETERS =
      java.util.Set.of("user_token", "token", "csrf_token", "lang");

  /** Remembers, for this browser session only, that the safety tip was shown. */
  static final String TIP_COOKIE = "semptify_tip";

  /** The navigation section of {@code path}: what the header marks as the current page. */
  static String area(String path) {
    if (path.equals("/admin") || path.startsWith("/admin/") || path.equals("/rotate_token")) {
      return "admin";
    }
    if (path.equals("/vault/certificates")
        || path.equals("/notary")
        || path.equals("/records/audit")) {
      return "more";
    }
    if (path.equals("/ledger")
        || path.startsWith("/ledger/")
        || path.startsWith("/logbook")
        || path.startsWith("/contacts")
        || path.startsWith("/certified_post")
        || path.startsWith("/court_clerk")) {
      return "records";
    }
    if (path.startsWith("/resources")) {
      return "documents";
    }
    if (path.startsWith("/know-your-rights")) {
      return "help";
    }
    if (path.equals("/vault") || path.startsWith("/vault/")) {
      return "vault";
    }
    return "";
  }

  /** Says {@code notice} at the top of the next page this browser is shown (after a redirect). */
  public void notify(Context ctx, Notice notice) {
    ObjectNode node = JSON.createObjectNode().put("key", notice.text().key());
    ArrayNode args = node.putArray("args");
    notice.text().args().forEach(a -> args.add(String.valueOf(a)));
    ArrayNode links = node.putArray("links");
    for (Notice.Link link : notice.links()) {
      links.addObject().put("label", link.labelKey()).put("href", link.href());
    }
    sessions.notice(ctx, node);
  }

  private static final String NOTICE_ATTRIBUTE = "semptify.notice";

  /** The notice kept for this page, read once per request (a page may build its context twice). */
  private Notice takeNotice(Context ctx) {
    if (!"GET".equals(ctx.method().name())
        || ctx.statusCode() >= 300
        || ctx.header("X-Requested-With") != null) {
      return null;
    }
    Object cached = ctx.attribute(NOTICE_ATTRIBUTE);
    if (cached != null) {
      return cached instanceof Notice notice ? notice : null;
    }
    Notice notice = sessions.takeNotice(ctx).map(Pages::notice).orElse(null);
    ctx.attribute(NOTICE_ATTRIBUTE, notice == null ? Boolean.FALSE : notice);
    return notice;
  }

  private static Notice notice(JsonNode node) {
    List<Object> args = new ArrayList<>();
    node.path("args").forEach(a -> args.add(a.asText()));
    List<Notice.Link> links = new ArrayList<>();
    for (JsonNode link : node.path("links")) {
      // Sealed by this server, and still only ever a path on this site.
      String href = LocalPath.orRoot(link.path("href").asText());
      links.add(new Notice.Link(link.path("label").asText(), href));
    }
    return new Notice(new Message(node.path("key").asText("status.done"), args), links);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The visitor's language: their remembered choice, else their browser's preference. */
  public Translator translator(Context ctx) {
    return new Translator(
        Language.resolve(ctx.cookie(Language.COOKIE), ctx.header("Accept-Language")), messages);
  }

  /** {@code message} as JSON answers carry it: in English (the API's public text). */
  public String english(Message message) {
    return messages.english(message);
  }

  /** Renders {@code template} with the page context plus {@code params} and sends it as HTML. */
  public void render(Context ctx, String template, Map<String, Object> params) {
    Map<String, Object> all = new HashMap<>(params);
    PageContext page = context(ctx);
    all.put("page", page);
    if (page.safetyTip()) {
      // A session cookie: the tip shows on the first page of each visit, and leaves no lasting
      // trace.
      ctx.res()
          .addHeader(
              "Set-Cookie",
              TIP_COOKIE
                  + "=1; Path=/; HttpOnly; SameSite=Lax"
                  + (RequestAttributes.https(ctx) ? "; Secure" : ""));
    }
    // Rendered straight into UTF-8 bytes (no String, no re-encoding) and written without a copy.
    Utf8ByteOutput output = new Utf8ByteOutput();
    engine.render(template, all, output);
    ResponseBody.send(ctx, "text/html; charset=utf-8", output);
  }
}

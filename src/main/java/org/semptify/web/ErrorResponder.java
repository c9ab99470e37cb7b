package org.semptify.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.semptify.i18n.Message;

/**
 * The one way errors leave the server: JSON {@code {"error": ..., "request_id": ...}} for API
 * clients, an HTML page saying what to do next for browsers. Never a stack trace.
 */
public final class ErrorResponder {
  private final Pages pages;

  public ErrorResponder(Pages pages) {
    this.pages = pages;
  }

  /** An error whose text has no translation (an exception's own words): the same everywhere. */
  public void respond(Context ctx, int status, String message) {
    respond(ctx, status, message, Map.of());
  }

  /** {@code extra} adds fields to the JSON body (e.g. {@code retry_after}). */
  public void respond(Context ctx, int status, String message, Map<String, Object> extra) {
    answer(ctx, status, message, extra);
  }

  /** An error the bundles know: the page in the visitor's language, JSON in English. */
  public void respond(Context ctx, int status, Message message) {
    respond(ctx, status, message, Map.of());
  }

  public void respond(Context ctx, int status, Message message, Map<String, Object> extra) {
    boolean html = ResponseFormat.wantsHtml(ctx);
    String text = html ? pages.translator(ctx).t(message) : pages.english(message);
    answer(ctx, status, text, extra);
  }

  private void answer(Context ctx, int status, String text, Map<String, Object> extra) {
    ctx.status(status);
    String requestId = RequestAttributes.requestId(ctx);
    if (ResponseFormat.wantsHtml(ctx)) {
      pages.render(
          ctx, "error.jte", Map.of("status", status, "message", text, "hint", hintFor(status)));
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", text);
    body.putAll(extra);
    body.put("request_id", requestId);
    ctx.json(body);
  }

  private static Message hintFor(int status) {
    if (status == 401) {
      return Message.of("error.hint.unauthorized");
    }
    if (status == 404) {
      return Message.of("error.hint.notFound");
    }
    if (status == 429) {
      return Message.of("error.hint.tooMany");
    }
    if (status >= 500) {
      return Message.of("error.hint.server");
    }
    return Message.of("error.hint.input");
  }
}

package org.semptify.server;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one way errors leave the server: JSON {@code {"error": ..., "request_id": ...}} for API
 * clients, an HTML page saying what to do next for browsers. Never a stack trace.
 */
public final class ErrorResponder {
  private final Pages pages;

  public ErrorResponder(Pages pages) {
    this.pages = pages;
  }

  public void respond(Context ctx, int status, String message) {
    respond(ctx, status, message, Map.of());
  }

  /** {@code extra} adds fields to the JSON body (e.g. {@code retry_after}). */
  public void respond(Context ctx, int status, String message, Map<String, Object> extra) {
    ctx.status(status);
    String requestId = RequestAttributes.requestId(ctx);
    if (ResponseFormat.wantsHtml(ctx)) {
      pages.render(
          ctx, "error.jte", Map.of("status", status, "message", message, "hint", hintFor(status)));
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.putAll(extra);
    body.put("request_id", requestId);
    ctx.json(body);
  }

  private static String hintFor(int status) {
    if (status == 401) {
      return "You need a valid token to open this page.";
    }
    if (status == 404) {
      return "Check the address, or go back to the home page.";
    }
    if (status == 429) {
      return "Too many attempts. Wait a moment and try again.";
    }
    if (status >= 500) {
      return "Something went wrong on the server. Nothing you saved was changed. Try again shortly.";
    }
    return "Go back and check what you entered.";
  }
}

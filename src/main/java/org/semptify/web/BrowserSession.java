package org.semptify.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * What pages need from the browser's session: the CSRF token its forms carry and a one-shot notice
 * shown on the next page. Implemented in security/web (sealed session cookies), so the web kit
 * stays below the security filters.
 */
public interface BrowserSession {
  /** The token to embed in this browser's forms (creates the browser session when needed). */
  String formToken(Context ctx);

  /** Keeps {@code notice} for the next page this browser renders. */
  void notice(Context ctx, ObjectNode notice);

  /** The notice kept for this page, if any, and forgets it. */
  Optional<JsonNode> takeNotice(Context ctx);
}

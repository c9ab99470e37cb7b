package org.semptify.app;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;

/** The matched route's template (e.g. {@code /vault/files/{id}}), never the raw path. */
final class RouteTemplate {
  static final String UNMATCHED = "unmatched";
  private static final String STATIC_PREFIX = "/static/";

  private RouteTemplate() {}

  static String of(Context ctx) {
    if (ctx.path().startsWith(STATIC_PREFIX)) {
      return STATIC_PREFIX + "*";
    }
    try {
      Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
      return endpoint == null ? UNMATCHED : endpoint.path;
    } catch (RuntimeException e) {
      return UNMATCHED;
    }
  }
}

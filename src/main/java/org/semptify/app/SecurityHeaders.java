package org.semptify.app;

import io.javalin.http.Context;

/**
 * Headers every response carries; HSTS only where HTTPS is in use or forced. Nothing may be cached
 * unless its handler says so (only {@link StaticAssets} does, for the assets it finds).
 */
final class SecurityHeaders {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
          + "form-action 'self'; frame-ancestors 'none'; manifest-src 'self'; worker-src 'self'";

  private final boolean forceHttps;
  private final String hsts;

  SecurityHeaders(boolean forceHttps, long hstsMaxAgeSeconds) {
    this.forceHttps = forceHttps;
    this.hsts = "max-age=" + hstsMaxAgeSeconds + "; includeSubDomains";
  }

  void apply(Context ctx, boolean https) {
    applyTo(ctx::header);
    if (https || forceHttps) {
      ctx.header("Strict-Transport-Security", hsts);
    }
  }

  /**
   * The headers that do not depend on the request, through {@code put}: also for the answers Jetty
   * gives itself to requests it cannot parse, which never reach the pipeline.
   */
  static void applyTo(java.util.function.BiConsumer<String, String> put) {
    put.accept("X-Content-Type-Options", "nosniff");
    put.accept("X-Frame-Options", "DENY");
    put.accept("Referrer-Policy", "no-referrer");
    put.accept("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    put.accept("Cross-Origin-Opener-Policy", "same-origin");
    put.accept("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    put.accept("Cache-Control", "no-store");
  }
}

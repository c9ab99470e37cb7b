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
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    ctx.header("Cache-Control", "no-store");
    if (https || forceHttps) {
      ctx.header("Strict-Transport-Security", hsts);
    }
  }
}

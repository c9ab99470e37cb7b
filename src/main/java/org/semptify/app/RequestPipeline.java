package org.semptify.app;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.semptify.ops.AccessLog;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventLogUnavailableException;
import org.semptify.ops.Metrics;
import org.semptify.security.web.CsrfFilter;
import org.semptify.web.ClientAddress;
import org.semptify.web.RequestAttributes;
import org.semptify.web.RequestIds;

/**
 * What happens to every request before its handler and after its response: request id, client
 * address, security headers, the HTTPS redirect, the audit gate, then metrics and the access log.
 */
final class RequestPipeline {
  private static final Pattern SAFE_HOST =
      Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?");

  private final ClientAddress clientAddress;
  private final SecurityHeaders securityHeaders;
  private final boolean forceHttps;
  private final String publicUrl; // null: each request's own scheme and host
  private final EventLog events;
  private final Metrics metrics;
  private final AccessLog accessLog; // null when ACCESS_LOG_JSON is off
  private volatile String lastSafeHost; // the last Host that matched SAFE_HOST

  RequestPipeline(
      ClientAddress clientAddress,
      SecurityHeaders securityHeaders,
      boolean forceHttps,
      String publicUrl,
      EventLog events,
      Metrics metrics,
      AccessLog accessLog) {
    this.clientAddress = clientAddress;
    this.securityHeaders = securityHeaders;
    this.forceHttps = forceHttps;
    this.publicUrl = publicUrl;
    this.events = events;
    this.metrics = metrics;
    this.accessLog = accessLog;
  }

  void before(Context ctx) {
    String requestId = RequestIds.resolve(ctx.header("X-Request-Id"));
    ctx.header("X-Request-Id", requestId);
    String ip =
        clientAddress.clientIp(ctx.req().getRemoteAddr(), headerValues(ctx, "X-Forwarded-For"));
    String scheme =
        clientAddress.scheme(ctx.req().getScheme(), headerValues(ctx, "X-Forwarded-Proto"));
    boolean https = "https".equals(scheme);
    RequestAttributes.set(ctx, requestId, ip, https, origin(ctx, scheme));
    securityHeaders.apply(ctx, https);
    if (!wellFormedPercentEncoding(ctx.req().getRequestURI())) {
      // Javalin would fail decoding it into a path parameter, as a server error.
      throw new BadRequestResponse("malformed percent-encoding in the path");
    }

    if (forceHttps && clientAddress.trustsProxy() && !https) {
      redirectToHttps(ctx);
      return;
    }
    if (CsrfFilter.isStateChanging(ctx.method()) && !events.writable()) {
      // Fail closed: no state change may happen that the events log cannot record.
      throw new EventLogUnavailableException(null);
    }
  }

  void finished(Context ctx, float millis) {
    // Labelled by template, never raw path, so metric cardinality stays bounded.
    metrics.requestFinished(RouteTemplate.of(ctx), ctx.method().name(), millis / 1000.0);
    if (accessLog != null) {
      accessLog.record(
          new AccessLog.Entry(
              ctx.method().name(),
              ctx.path(),
              ctx.queryString(),
              ctx.statusCode(),
              RequestAttributes.clientIp(ctx),
              millis,
              RequestAttributes.requestId(ctx)));
    }
  }

  /**
   * Where links meant to be sent elsewhere start: {@code SEMPTIFY_PUBLIC_URL} when set, else the
   * scheme and host the client used (forwarded ones only through trusted proxies), else the address
   * the request arrived at when the {@code Host} header is unusable.
   */
  private String origin(Context ctx, String scheme) {
    if (publicUrl != null) {
      return publicUrl;
    }
    String host = clientAddress.forwardedHost(headerValues(ctx, "X-Forwarded-Host"));
    if (!safeHost(host)) {
      host = ctx.header("Host");
    }
    if (!safeHost(host)) {
      String local = ctx.req().getLocalAddr();
      host = (local.contains(":") ? "[" + local + "]" : local) + ":" + ctx.req().getLocalPort();
    }
    return scheme + "://" + host;
  }

  private void redirectToHttps(Context ctx) {
    String host = clientAddress.forwardedHost(headerValues(ctx, "X-Forwarded-Host"));
    if (!safeHost(host)) {
      host = ctx.header("Host");
    }
    if (!safeHost(host)) {
      ctx.status(HttpStatus.BAD_REQUEST).result("bad Host header");
      ctx.skipRemainingHandlers();
      return;
    }
    String query = ctx.queryString();
    String target = "https://" + host + ctx.path() + (query == null ? "" : "?" + query);
    ctx.redirect(target, HttpStatus.MOVED_PERMANENTLY);
    ctx.skipRemainingHandlers();
  }

  /**
   * Whether {@code host} may be used in links: {@link #SAFE_HOST}. Nearly every request names the
   * same host, so the last one that matched is remembered and an equal string is not matched again
   * (the expression allocated a matcher per request).
   */
  private boolean safeHost(String host) {
    if (host == null) {
      return false;
    }
    if (host.equals(lastSafeHost)) {
      return true;
    }
    if (SAFE_HOST.matcher(host).matches()) {
      lastSafeHost = host;
      return true;
    }
    return false;
  }

  private static List<String> headerValues(Context ctx, String name) {
    return Collections.list(ctx.req().getHeaders(name));
  }

  /** Every {@code %} in {@code path} is followed by two hex digits. */
  static boolean wellFormedPercentEncoding(String path) {
    for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
      if (i + 2 >= path.length() || !isHex(path.charAt(i + 1)) || !isHex(path.charAt(i + 2))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}

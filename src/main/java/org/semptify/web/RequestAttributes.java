package org.semptify.web;

import io.javalin.http.Context;

/** Values the request pipeline computes once and every handler reads. */
public final class RequestAttributes {
  private static final String REQUEST_ID = "semptify.request_id";
  private static final String CLIENT_IP = "semptify.client_ip";
  private static final String HTTPS = "semptify.https";
  private static final String ORIGIN = "semptify.origin";

  private RequestAttributes() {}

  public static void set(
      Context ctx, String requestId, String clientIp, boolean https, String origin) {
    ctx.attribute(ORIGIN, origin);
    ctx.attribute(REQUEST_ID, requestId);
    ctx.attribute(CLIENT_IP, clientIp);
    ctx.attribute(HTTPS, https);
  }

  public static String requestId(Context ctx) {
    String id = ctx.attribute(REQUEST_ID);
    return id == null ? "unknown" : id;
  }

  public static String clientIp(Context ctx) {
    String ip = ctx.attribute(CLIENT_IP);
    return ip == null ? ctx.req().getRemoteAddr() : ip;
  }

  public static boolean https(Context ctx) {
    return Boolean.TRUE.equals(ctx.attribute(HTTPS));
  }

  /**
   * {@code path} as a full address ({@code https://host/path}) for a link that is sent elsewhere
   * (pasted in a text or an email): starts with {@code SEMPTIFY_PUBLIC_URL} when set, else with the
   * request's trusted scheme and host.
   */
  public static String absoluteUrl(Context ctx, String path) {
    String origin = ctx.attribute(ORIGIN);
    if (origin == null) {
      origin = ctx.scheme() + "://" + ctx.host();
    }
    return origin + path;
  }
}

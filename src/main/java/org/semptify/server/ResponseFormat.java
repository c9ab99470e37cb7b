package org.semptify.server;

import io.javalin.http.Context;

/** Decides whether a client is a browser (HTML) or a program (JSON). */
public final class ResponseFormat {
  private ResponseFormat() {}

  public static boolean wantsHtml(Context ctx) {
    if (ctx.path().startsWith("/api/")) {
      return false;
    }
    String accept = ctx.header("Accept");
    return accept != null && accept.contains("text/html");
  }
}

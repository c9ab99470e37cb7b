package org.semptify.web;

import io.javalin.http.Context;

/** Decides whether a client is a browser (HTML) or a program (JSON). */
public final class ResponseFormat {
  private ResponseFormat() {}

  /** A program that explicitly asks for JSON (and not HTML), e.g. for a token in the body. */
  public static boolean asksForJson(Context ctx) {
    String accept = ctx.header("Accept");
    return accept != null && accept.contains("application/json") && !accept.contains("text/html");
  }

  public static boolean wantsHtml(Context ctx) {
    if (ctx.path().startsWith("/api/")) {
      return false;
    }
    String accept = ctx.header("Accept");
    return accept != null && accept.contains("text/html");
  }
}

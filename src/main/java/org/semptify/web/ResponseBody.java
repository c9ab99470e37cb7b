package org.semptify.web;

import gg.jte.output.Utf8ByteOutput;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Sends a body that is already complete in memory. Javalin answers a {@code result(...)} by copying
 * it through a fresh buffer of the response's size (32 KiB) for every response, which was the
 * largest allocation of the vault listing under load; a body written here goes into the response's
 * output stream (Javalin's, so compression applies as before) in one write, with no copy.
 *
 * <p>Only for GET and HEAD: a state-changing request can still be refused after its handler (the
 * deferred CSRF check replaces the answer), so its body must stay replaceable until then; it is
 * handed to Javalin as before.
 */
public final class ResponseBody {
  private ResponseBody() {}

  /** Sends {@code body} as the whole response, with {@code contentType}. */
  public static void send(Context ctx, String contentType, byte[] body) {
    ctx.contentType(contentType);
    if (!writesDirectly(ctx)) {
      ctx.result(body);
      return;
    }
    try {
      ctx.outputStream().write(body);
    } catch (IOException e) {
      // Only the connection can fail here (the client went away, e.g. a load generator stopping):
      // nothing to report, as Javalin reports nothing when its own write of a result fails so.
      ResponseAbort.abort(ctx, e);
    }
  }

  /**
   * Sends a rendered template's bytes as the whole response, with {@code contentType}: joined into
   * one array first, since the template's output holds many small pieces and every write into the
   * response takes its locks.
   */
  public static void send(Context ctx, String contentType, Utf8ByteOutput body) {
    send(ctx, contentType, body.toByteArray());
  }

  /**
   * Sends the bytes written into {@code body} as the whole response, with {@code contentType}, in
   * one write from its buffer (no copy for GET and HEAD).
   */
  public static void send(Context ctx, String contentType, ByteArrayOutputStream body) {
    ctx.contentType(contentType);
    if (!writesDirectly(ctx)) {
      ctx.result(body.toByteArray());
      return;
    }
    try {
      body.writeTo(ctx.outputStream());
    } catch (IOException e) {
      ResponseAbort.abort(ctx, e);
    }
  }

  private static boolean writesDirectly(Context ctx) {
    HandlerType method = ctx.method();
    return method == HandlerType.GET || method == HandlerType.HEAD;
  }
}

package org.semptify.web;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Breaks off a response that is being streamed: the connection is closed without the end of the
 * body (no final chunk), so the client sees a failed transfer, never a short file that looks
 * complete.
 */
public final class ResponseAbort {
  private ResponseAbort() {}

  public static void abort(Context ctx, Throwable cause) {
    ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
    if (request == null) {
      throw new IllegalStateException("not a Jetty request; cannot abort the response", cause);
    }
    request.getConnectionMetaData().getConnection().getEndPoint().close(cause);
  }
}

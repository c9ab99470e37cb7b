package org.semptify.security.web;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * Where a bearer token may arrive, in the seed's order: a header, a query parameter, or a field of
 * a URL-encoded form (never parsed out of other bodies, which handlers stream).
 *
 * @param method {@code header}, {@code query} or {@code form}
 */
public record PresentedToken(String value, String method) {

  /** The token this request presents under these names, or null when it presents none. */
  public static PresentedToken find(Context ctx, String header, String parameter) {
    String fromHeader = ctx.header(header);
    if (fromHeader != null) {
      return new PresentedToken(fromHeader.strip(), "header");
    }
    String fromQuery = ctx.queryParam(parameter);
    if (fromQuery != null) {
      return new PresentedToken(fromQuery.strip(), "query");
    }
    String type = ctx.contentType();
    if (CsrfFilter.isStateChanging(ctx.method())
        && type != null
        && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      String fromForm = ctx.formParam(parameter);
      if (fromForm != null) {
        return new PresentedToken(fromForm.strip(), "form");
      }
    }
    return null;
  }
}

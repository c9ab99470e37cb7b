package org.semptify.security.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.util.Locale;
import org.semptify.config.SecurityMode;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Payload;
import org.semptify.security.CsrfFailedException;
import org.semptify.web.FormBodyLimit;
import org.semptify.web.RequestAttributes;
import org.semptify.web.RouteTable.StreamedBody;

/**
 * CSRF in enforced mode, for every state-changing request (POST, PUT, PATCH, DELETE), in two
 * independent layers: a request whose {@code Sec-Fetch-Site} is {@code cross-site} is refused
 * outright, then a valid {@code csrf_token} (form field of a URL-encoded or multipart body, query
 * parameter, or {@code X-CSRF-Token} header) is required, whatever the content type. Requests that
 * carry an {@code X-Admin-Token} or {@code X-User-Token} header are API clients authenticated by
 * that header alone, which a browser cannot send cross-site, so they need no CSRF token.
 *
 * <p>Only routes declared {@link StreamedBody} in the route table (uploads, whose handlers stream
 * the body) may defer the check to their body: the body's first field must then be {@code
 * csrf_token}, checked by {@link #verifyDeferred} before anything after it is read. A deferred
 * check that was never completed fails the request ({@link #requireCompleted}).
 */
public final class CsrfFilter {
  public static final String FIELD = "csrf_token";
  public static final String HEADER = "X-CSRF-Token";
  private static final String DEFERRED = "semptify.csrf_deferred";

  private final SecurityMode mode;
  private final FormTokens formTokens;
  private final EventLog events;

  public CsrfFilter(SecurityMode mode, FormTokens formTokens, EventLog events) {
    this.mode = mode;
    this.formTokens = formTokens;
    this.events = events;
  }

  public void check(Context ctx) {
    if (mode != SecurityMode.ENFORCED || !isStateChanging(ctx.method())) {
      return;
    }
    rejectIf(ctx, failure(ctx));
  }

  /**
   * After the handler: a check that was deferred to the body and never completed fails closed (400,
   * {@code csrf_failed} with reason {@code unverified}), unless the request already failed.
   */
  public void requireCompleted(Context ctx) {
    if (deferred(ctx)) {
      ctx.attribute(DEFERRED, null);
      if (ctx.statusCode() < 400) {
        ctx.res().setHeader("Location", null); // a success redirect must not survive the refusal
        rejectIf(ctx, "unverified");
      }
    }
  }

  /** Logs {@code csrf_failed} and refuses the request when {@code failure} names a reason. */
  private void rejectIf(Context ctx, String failure) {
    if (failure != null) {
      events.record(
          EventType.CSRF_FAILED,
          RequestAttributes.requestId(ctx),
          Payload.of(EventField.IP, RequestAttributes.clientIp(ctx))
              .with(EventField.PATH, ctx.path())
              .with(EventField.REASON, failure));
      throw new CsrfFailedException(failure);
    }
  }

  /** Why this request fails, or null when it passes. */
  private String failure(Context ctx) {
    if ("cross-site".equals(ctx.header("Sec-Fetch-Site"))) {
      return "cross_site";
    }
    if (ctx.header("X-Admin-Token") != null || ctx.header("X-User-Token") != null) {
      // Exempt only because the header is what authenticates it: Sessions then neither reads nor
      // writes a cookie for this request, so a stray header cannot carry a cookie session past
      // here.
      return null;
    }
    String presented = ctx.header(HEADER);
    if (presented == null) {
      presented = presentedInRequest(ctx);
    }
    if ((presented == null || presented.isEmpty()) && isMultipart(ctx) && streamsBody(ctx)) {
      // The token is the first field of the streamed body: the upload parser must call
      // verifyDeferred() before it reads anything else.
      ctx.attribute(DEFERRED, Boolean.TRUE);
      return null;
    }
    if (presented == null || presented.isEmpty()) {
      return "missing";
    }
    return formTokens.valid(ctx, presented) ? null : "mismatch";
  }

  /**
   * The token in the body (a URL-encoded form, or a multipart form on a route that does not stream
   * its body) or else in the query.
   */
  private static String presentedInRequest(Context ctx) {
    if (isUrlEncodedForm(ctx)) {
      return ctx.formParam(FIELD);
    }
    if (isMultipart(ctx) && !streamsBody(ctx)) {
      String field = multipartField(ctx, FIELD);
      if (field != null) {
        return field;
      }
    }
    return ctx.queryParam(FIELD);
  }

  /**
   * A field of a multipart body that the route's handler reads as a form (Javalin parses it once
   * and keeps it); a body that is not well-formed multipart is the client's fault: 400.
   */
  public static String multipartField(Context ctx, String name) {
    if (ctx.contentLength() > FormBodyLimit.BYTES) {
      ctx.header("Connection", "close"); // the body is left unread
      throw new ContentTooLargeResponse("the form is too large");
    }
    try {
      return ctx.formParam(name);
    } catch (Exception e) { // Jetty's parser reports bad bodies as ServletException or runtime
      // Where the body ends is unknown now: the connection cannot carry another request.
      ctx.header("Connection", "close");
      if (beyondLimit(e)) { // a chunked body has no length to check up front
        throw new ContentTooLargeResponse("the form is too large");
      }
      throw new BadRequestResponse("the form could not be read as multipart/form-data");
    }
  }

  /**
   * True when the parser stopped at the size limit ({@link FormBodyLimit}): Jetty says so only in
   * the message of an {@link IllegalStateException} among the causes ("max length exceeded").
   */
  private static boolean beyondLimit(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IllegalStateException
          && t.getMessage() != null
          && t.getMessage().startsWith("max ")
          && t.getMessage().contains("exceeded")) {
        return true;
      }
    }
    return false;
  }

  /** True when the CSRF check of this multipart request waits for its {@code csrf_token} field. */
  public static boolean deferred(Context ctx) {
    return Boolean.TRUE.equals(ctx.attribute(DEFERRED));
  }

  /**
   * Completes a deferred check with the body's first field ({@code name} and value; a null name
   * when the body had no field before its first file or its end); throws when it fails.
   */
  public void verifyDeferred(Context ctx, String name, String presented) {
    String failure =
        !FIELD.equals(name) || presented == null || presented.isEmpty()
            ? "missing"
            : formTokens.valid(ctx, presented) ? null : "mismatch";
    ctx.attribute(DEFERRED, null);
    rejectIf(ctx, failure);
  }

  /** True when the matched route is declared {@link StreamedBody} in the route table. */
  public static boolean streamsBody(Context ctx) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    return endpoint != null && endpoint.metadata(StreamedBody.class) != null;
  }

  public static boolean isMultipart(Context ctx) {
    String type = ctx.contentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  public static boolean isStateChanging(HandlerType method) {
    return HandlerType.POST.equals(method)
        || HandlerType.PUT.equals(method)
        || HandlerType.PATCH.equals(method)
        || HandlerType.DELETE.equals(method);
  }

  private static boolean isUrlEncodedForm(Context ctx) {
    String type = ctx.contentType();
    return type != null
        && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }
}

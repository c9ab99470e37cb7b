package org.semptify.auth;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.EndpointMetadata;
import java.util.Locale;
import org.semptify.config.SecurityMode;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Payload;
import org.semptify.server.RequestAttributes;

/**
 * CSRF in enforced mode, for every state-changing request (POST, PUT, PATCH, DELETE), in two
 * independent layers: a request whose {@code Sec-Fetch-Site} is {@code cross-site} is refused
 * outright, then a valid {@code csrf_token} (form field, or {@code X-CSRF-Token} header) is
 * required. Requests that carry an {@code X-Admin-Token} or {@code X-User-Token} header are API
 * clients authenticated by that header alone, which a browser cannot send cross-site, so they need
 * no CSRF token.
 */
public final class CsrfFilter {
  public static final String FIELD = "csrf_token";
  public static final String HEADER = "X-CSRF-Token";
  private static final String DEFERRED = "semptify.csrf_deferred";

  /**
   * Marks, in the route table, a POST whose handler streams its multipart body: the only kind of
   * route whose check may wait for the body's {@code csrf_token} field.
   */
  public enum StreamedBody implements EndpointMetadata {
    INSTANCE
  }

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
      return null;
    }
    String presented = ctx.header(HEADER);
    if (presented == null) {
      presented = isUrlEncodedForm(ctx) ? ctx.formParam(FIELD) : ctx.queryParam(FIELD);
    }
    if ((presented == null || presented.isEmpty()) && isMultipart(ctx)) {
      // The token is a field inside the streamed body: the upload parser must call
      // verifyDeferred() before anything it received is committed.
      ctx.attribute(DEFERRED, Boolean.TRUE);
      return null;
    }
    if (presented == null || presented.isEmpty()) {
      return "missing";
    }
    return formTokens.valid(ctx, presented) ? null : "mismatch";
  }

  /** True when the CSRF check of this multipart request waits for its {@code csrf_token} field. */
  public static boolean deferred(Context ctx) {
    return Boolean.TRUE.equals(ctx.attribute(DEFERRED));
  }

  /** Completes a deferred check with the body's {@code csrf_token} field; throws when it fails. */
  public void verifyDeferred(Context ctx, String presented) {
    String failure =
        presented == null || presented.isEmpty()
            ? "missing"
            : formTokens.valid(ctx, presented) ? null : "mismatch";
    rejectIf(ctx, failure);
    ctx.attribute(DEFERRED, null);
  }

  private static boolean isMultipart(Context ctx) {
    String type = ctx.contentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  public static boolean isStateChanging(HandlerType method) {
    return HandlerType.POST.equals(method)
        || HandlerType.PUT.equals(method)
        || HandlerType.PATCH.equals(method)
        || HandlerType.DELETE.equals(method);
  }

  /**
   * Multipart bodies are streamed by their handlers and never parsed here; their forms put the
   * token in the action URL's query instead.
   */
  private static boolean isUrlEncodedForm(Context ctx) {
    String type = ctx.contentType();
    return type != null
        && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }
}

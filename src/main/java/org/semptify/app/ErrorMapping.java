package org.semptify.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.eclipse.jetty.http.BadMessageException;
import org.semptify.i18n.Message;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventLogUnavailableException;
import org.semptify.ops.EventType;
import org.semptify.ops.Metrics;
import org.semptify.ops.Payload;
import org.semptify.ops.StartupLog;
import org.semptify.ops.StorageHealth;
import org.semptify.ops.StorageUnavailableException;
import org.semptify.security.CsrfFailedException;
import org.semptify.security.RateLimitedException;
import org.semptify.store.InvalidStateFileException;
import org.semptify.store.SpentTokenException;
import org.semptify.store.UnknownEntryException;
import org.semptify.vault.UploadTooLargeException;
import org.semptify.web.ErrorResponder;
import org.semptify.web.RequestAttributes;

/** The single mapping from exceptions and error statuses to responses. */
final class ErrorMapping {
  private static final Message NOT_FOUND = Message.of("error.notFound");

  private final ErrorResponder responder;
  private final EventLog events;
  private final Metrics metrics;
  private final StorageHealth storage;
  private final StartupLog operatorLog;

  ErrorMapping(
      ErrorResponder responder,
      EventLog events,
      Metrics metrics,
      StorageHealth storage,
      StartupLog operatorLog) {
    this.responder = responder;
    this.events = events;
    this.metrics = metrics;
    this.storage = storage;
    this.operatorLog = operatorLog;
  }

  void register(RoutesConfig routes) {
    routes.exception(
        HttpResponseException.class, (e, ctx) -> respondStatus(ctx, e.getStatus(), e.getMessage()));
    // Every store's write failure, the events log's included: one type, one answer.
    routes.exception(StorageUnavailableException.class, this::storageUnavailable);
    routes.exception(
        CsrfFailedException.class,
        (e, ctx) -> responder.respond(ctx, 400, "CSRF validation failed"));
    routes.exception(RateLimitedException.class, this::rateLimited);
    routes.exception(
        UnknownEntryException.class, (e, ctx) -> responder.respond(ctx, 404, e.getMessage()));
    routes.exception(
        SpentTokenException.class, (e, ctx) -> responder.respond(ctx, 409, e.getMessage()));
    routes.exception(
        InvalidStateFileException.class,
        (e, ctx) ->
            responder.respond(
                ctx, 503, "a state file is unusable and was left untouched; see /readyz"));
    routes.exception(
        UploadTooLargeException.class, (e, ctx) -> responder.respond(ctx, 413, e.getMessage()));
    // A read that failed (a damaged file, an I/O error): the server's fault, not a full disk, so
    // readiness is left alone; nothing was changed.
    routes.exception(
        java.io.UncheckedIOException.class,
        (e, ctx) -> {
          logTrace(ctx, e);
          responder.respond(ctx, 503, "storage unavailable; nothing was changed, try again later");
        });
    routes.exception(BadMessageException.class, this::badMessage);
    routes.exception(Exception.class, this::unhandled);
    routes.error(404, ctx -> fallback(ctx, 404));
    routes.error(405, ctx -> fallback(ctx, 405));
  }

  /**
   * A bug: the client gets only the request id; the operator gets the stack trace, scrubbed of
   * secrets, on stderr and in {@code logs/init.log} under the same request id.
   */
  private void unhandled(Exception e, Context ctx) {
    if (clientWentAway(e)) {
      // The connection ended before the request's body did (a tenant's phone lost its signal):
      // nothing to fix on this side, so no trace and no error event; nothing was stored.
      responder.respond(ctx, 400, "the request ended before its body did; nothing was stored");
      return;
    }
    logTrace(ctx, e);
    responder.respond(ctx, 500, "internal server error");
  }

  private static boolean clientWentAway(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof org.eclipse.jetty.io.EofException) {
        return true;
      }
    }
    return false;
  }

  /** The {@code error} event, and the scrubbed stack trace for the operator. */
  private void logTrace(Context ctx, Exception e) {
    recordError(ctx, e);
    operatorLog.error(
        "unhandled exception, request_id "
            + RequestAttributes.requestId(ctx)
            + ", "
            + ctx.method().name()
            + " "
            + RouteTemplate.of(ctx),
        e);
  }

  /**
   * A state file, vault or share could not be written (or read): atomic writes mean nothing was
   * half-changed. Readiness stays degraded until the folders accept a file again.
   */
  private void storageUnavailable(StorageUnavailableException e, Context ctx) {
    if (!(e instanceof EventLogUnavailableException)) {
      storage.failed(e);
      metrics.errors.inc();
      try {
        events.record(
            EventType.STORAGE_UNAVAILABLE,
            RequestAttributes.requestId(ctx),
            Payload.of(EventField.ROUTE, RouteTemplate.of(ctx))
                .with(EventField.METHOD, ctx.method().name())
                .with(EventField.REASON, e.reason()));
      } catch (EventLogUnavailableException ignored) {
        // The same disk, most likely; readiness reports both.
      }
    }
    responder.respond(ctx, e.status(), e.publicMessage());
  }

  /**
   * Jetty refused to go on reading the request: most often its body arrived below {@code
   * SEMPTIFY_MIN_UPLOAD_BYTES_PER_SECOND} (408). The client's doing, not a bug: no trace.
   */
  private void badMessage(BadMessageException e, Context ctx) {
    int status = e.getCode() >= 400 && e.getCode() < 500 ? e.getCode() : 400;
    responder.respond(
        ctx,
        status,
        status == 408
            ? "the request arrived too slowly; try again on a better connection"
            : "the request could not be read");
  }

  /** Counts the error and logs its class (never its message, which may carry input). */
  private void recordError(Context ctx, Exception e) {
    metrics.errors.inc();
    try {
      events.record(
          EventType.ERROR,
          RequestAttributes.requestId(ctx),
          Payload.of(EventField.EXCEPTION, e.getClass().getName())
              .with(EventField.ROUTE, RouteTemplate.of(ctx))
              .with(EventField.METHOD, ctx.method().name()));
    } catch (EventLogUnavailableException ignored) {
      // Already answering with an error; readiness reports the log problem.
    }
  }

  private void rateLimited(RateLimitedException e, Context ctx) {
    ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
    responder.respond(
        ctx, e.status(), "rate_limited", Map.of("retry_after", e.retryAfterSeconds()));
  }

  /** Statuses set without a body (no route matched, wrong method) still get the standard error. */
  private void fallback(Context ctx, int status) {
    if (ctx.result() == null) {
      respondStatus(ctx, status, null);
    }
  }

  /** "not found" is in the bundles (pages show it translated); other statuses keep their words. */
  private void respondStatus(Context ctx, int status, String message) {
    switch (status) {
      case 404 -> responder.respond(ctx, 404, NOT_FOUND);
      case 405 -> responder.respond(ctx, 405, "method not allowed");
      default ->
          responder.respond(ctx, status, message == null || message.isBlank() ? "error" : message);
    }
  }
}

package org.semptify.security.web;

import io.javalin.http.Context;
import org.semptify.config.AdminRateSettings;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Metrics;
import org.semptify.ops.Payload;
import org.semptify.security.RateLimitedException;
import org.semptify.store.RateLimitStore;
import org.semptify.web.RequestAttributes;

/**
 * The seed's admin rate limit: a sliding window per (client IP, route) over every admin route,
 * counting unauthenticated attempts too, so that guessing tokens is throttled.
 */
public final class AdminRateLimitFilter {
  private final RateLimitStore limiter;
  private final AdminRateSettings settings;
  private final EventLog events;
  private final Metrics metrics;

  public AdminRateLimitFilter(
      RateLimitStore limiter, AdminRateSettings settings, EventLog events, Metrics metrics) {
    this.limiter = limiter;
    this.settings = settings;
    this.events = events;
    this.metrics = metrics;
  }

  /** Throws {@link RateLimitedException} when this client has used up the window on this route. */
  public void check(Context ctx, String route) {
    String ip = RequestAttributes.clientIp(ctx);
    if (limiter.tryAcquire(ip + " " + route)) {
      return;
    }
    metrics.rateLimited.inc();
    events.record(
        EventType.RATE_LIMITED,
        RequestAttributes.requestId(ctx),
        Payload.of(EventField.IP, ip).with(EventField.PATH, ctx.path()));
    throw new RateLimitedException(settings.status(), settings.retryAfterSeconds());
  }
}

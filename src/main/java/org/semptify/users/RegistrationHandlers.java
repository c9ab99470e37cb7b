package org.semptify.users;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.semptify.auth.RateLimitedException;
import org.semptify.auth.Sessions;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Metrics;
import org.semptify.ops.Payload;
import org.semptify.server.Pages;
import org.semptify.server.RequestAttributes;
import org.semptify.store.InvalidStateFileException;
import org.semptify.store.RateLimitStore;

/** {@code GET/POST /register} (seed §4): an anonymous account and its one-time token. */
public final class RegistrationHandlers {
  private final UserStore users;
  private final Sessions sessions;
  private final RateLimitStore perAddress;
  private final int retryAfterSeconds;
  private final Pages pages;
  private final EventLog events;
  private final Metrics metrics;
  private final Clock clock;
  private final VaultLabeler labeler;

  public RegistrationHandlers(
      UserStore users,
      Sessions sessions,
      RateLimitStore perAddress,
      int retryAfterSeconds,
      Pages pages,
      EventLog events,
      Metrics metrics,
      Clock clock,
      VaultLabeler labeler) {
    this.users = users;
    this.sessions = sessions;
    this.perAddress = perAddress;
    this.retryAfterSeconds = retryAfterSeconds;
    this.pages = pages;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
    this.labeler = labeler;
  }

  public void form(Context ctx) {
    pages.render(ctx, "register.jte", Map.of());
  }

  public void register(Context ctx) throws java.io.IOException {
    String problem = users.problem();
    if (problem != null) {
      throw new InvalidStateFileException(problem);
    }
    if (!perAddress.tryAcquire(RequestAttributes.clientIp(ctx))) {
      metrics.rateLimited.inc();
      events.record(
          EventType.RATE_LIMITED,
          RequestAttributes.requestId(ctx),
          Payload.of(EventField.IP, RequestAttributes.clientIp(ctx))
              .with(EventField.PATH, ctx.path()));
      throw new RateLimitedException(429, retryAfterSeconds);
    }
    String label = ctx.formParam("label");
    if (label != null && label.strip().length() > 100) {
      throw new io.javalin.http.BadRequestResponse("the label is longer than 100 characters");
    }
    UserStore.Registered registered = users.register(clock.millis() / 1000);
    if (label != null && !label.isBlank()) {
      labeler.label(new VaultAccess(registered.id(), registered.dataKey()), label.strip());
    }
    metrics.usersRegistered.inc();
    events.record(
        EventType.USER_REGISTERED,
        RequestAttributes.requestId(ctx),
        Payload.of(EventField.USER_ID, registered.id()));
    String link =
        "/vault?user_token=" + URLEncoder.encode(registered.token(), StandardCharsets.UTF_8);
    if (org.semptify.server.ResponseFormat.asksForJson(ctx)) {
      ctx.status(201)
          .json(Map.of("user_id", registered.id(), "token", registered.token(), "vault_url", link));
      return;
    }
    // This browser is signed in straight away; the token is still shown once to be kept.
    sessions.startUser(
        ctx,
        registered.id(),
        registered.dataKey(),
        org.semptify.auth.Tokens.fingerprint(org.semptify.auth.Tokens.hash(registered.token())));
    String download =
        "data:text/plain;charset=utf-8,"
            + URLEncoder.encode(
                    "Semptify one-time token (your only key to your vault):\n"
                        + registered.token()
                        + "\n\nOpen your vault: "
                        + link
                        + "\n",
                    StandardCharsets.UTF_8)
                .replace("+", "%20");
    pages.render(
        ctx,
        "registered.jte",
        Map.of("token", registered.token(), "link", link, "download", download));
  }
}

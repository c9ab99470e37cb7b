package org.semptify.users.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.semptify.i18n.Translator;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Metrics;
import org.semptify.ops.Payload;
import org.semptify.security.RateLimitedException;
import org.semptify.security.web.Sessions;
import org.semptify.store.InvalidStateFileException;
import org.semptify.store.RateLimitStore;
import org.semptify.store.UserAccount;
import org.semptify.users.UserStore;
import org.semptify.users.VaultAccess;
import org.semptify.users.VaultLabeler;
import org.semptify.web.Pages;
import org.semptify.web.RequestAttributes;

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

  /**
   * {@code POST /vault/token/file} (form field {@code user_token}): the token the page just showed,
   * as a text file to keep, in the page's language: the token, the vault's full address, the date,
   * and how to keep it safe. Only for the vault open in this browser, so the file never holds a
   * token that does not open it.
   */
  public void tokenFile(Context ctx) {
    String token = ctx.formParam("user_token");
    Optional<Sessions.UserSession> session = sessions.user(ctx);
    Optional<UserAccount> account =
        token == null ? Optional.empty() : users.findByToken(token.strip());
    if (session.isEmpty()
        || account.isEmpty()
        || !account.get().id().equals(session.get().userId())) {
      throw new UserUnauthorizedException();
    }
    Translator text = pages.translator(ctx);
    String date =
        DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
            .withLocale(Locale.forLanguageTag(text.language().code()))
            .format(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    String file =
        String.join(
            "\r\n",
            text.t("tokenFile.heading"),
            "",
            token.strip(),
            "",
            text.t("tokenFile.address", RequestAttributes.absoluteUrl(ctx, "/vault")),
            text.t("tokenFile.date", date),
            "",
            text.t("tokenFile.safe1"),
            text.t("tokenFile.safe2"),
            "");
    ctx.header("Content-Disposition", "attachment; filename=\"semptify-token.txt\"");
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("text/plain; charset=utf-8").result(file);
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
    if (org.semptify.web.ResponseFormat.asksForJson(ctx)) {
      ctx.status(201)
          .json(Map.of("user_id", registered.id(), "token", registered.token(), "vault_url", link));
      return;
    }
    // This browser is signed in straight away; the token is still shown once to be kept.
    sessions.startUser(
        ctx,
        registered.id(),
        registered.dataKey(),
        org.semptify.crypto.Tokens.fingerprint(
            org.semptify.crypto.Tokens.hash(registered.token())));
    pages.render(
        ctx,
        "registered.jte",
        Map.of(
            "token", registered.token(), "vaultUrl", RequestAttributes.absoluteUrl(ctx, "/vault")));
  }
}

package org.semptify.admin.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.semptify.admin.AdminAction;
import org.semptify.admin.AdminPrincipal;
import org.semptify.admin.AdminTokenStore;
import org.semptify.admin.IncidentNotes;
import org.semptify.config.TokenStrength;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Metrics;
import org.semptify.ops.Payload;
import org.semptify.security.web.Sessions;
import org.semptify.store.AdminRole;
import org.semptify.store.AdminToken;
import org.semptify.users.UserStore;
import org.semptify.web.RequestAttributes;
import org.semptify.web.ResponseFormat;

/**
 * The admin plane's state-changing actions. Each one counts in {@code admin_actions_total}, writes
 * an event naming the action and the acting token's id, and answers 303 back to {@code /admin} — or
 * JSON for clients that ask for {@code application/json}. A newly created token value is shown
 * once: flashed to the dashboard for browsers, in the JSON body for programs.
 */
public final class AdminActions {
  static final int MIN_CHOSEN_TOKEN_LENGTH = TokenStrength.MIN_LENGTH;

  private final AdminAccess access;
  private final AdminAuthenticator auth;
  private final AdminTokenStore tokens;
  private final UserStore users;
  private final Sessions sessions;
  private final EventLog events;
  private final Metrics metrics;

  public AdminActions(
      AdminAccess access,
      AdminAuthenticator auth,
      AdminTokenStore tokens,
      UserStore users,
      Sessions sessions,
      EventLog events,
      Metrics metrics) {
    this.access = access;
    this.auth = auth;
    this.tokens = tokens;
    this.users = users;
    this.sessions = sessions;
    this.events = events;
    this.metrics = metrics;
  }

  /**
   * {@code POST /rotate_token}: {@code target_id}, optional {@code new_value}. An operator may
   * rotate its own token; another token takes {@link AdminAction#MANAGE_TOKENS} and a role no
   * higher than one's own.
   */
  public void rotateToken(Context ctx, AdminPrincipal principal) {
    String target = field(ctx, "target_id");
    if (target == null) {
      throw new BadRequestResponse("target_id is required");
    }
    if (!target.equals(principal.tokenId())) {
      access.checkTarget(ctx, principal, AdminAction.MANAGE_TOKENS, roleOf(target));
    }
    String chosen = field(ctx, "new_value");
    if (chosen != null
        && (chosen.length() < MIN_CHOSEN_TOKEN_LENGTH
            || chosen.chars().anyMatch(Character::isWhitespace))) {
      throw new BadRequestResponse(
          "new_value must be at least " + MIN_CHOSEN_TOKEN_LENGTH + " characters without spaces");
    }
    if (chosen != null) {
      // The same rule as ADMIN_TOKEN: a chosen value is a person's choice, so check it.
      TokenStrength.weakness(chosen)
          .ifPresent(
              weakness -> {
                throw new BadRequestResponse("new_value is too weak (" + weakness + ")");
              });
    }
    String value = tokens.rotate(target, chosen);
    metrics.tokenRotations.inc();
    if (principal.tokenId().equals(target) && principal.method().equals("session")) {
      auth.startSession(ctx, principal); // keep the admin who rotated their own token signed in
    }
    done(
        ctx,
        principal,
        EventType.TOKEN_ROTATION,
        Payload.of(EventField.TOKEN_ID, target),
        target,
        chosen == null ? value : null);
  }

  /** {@code POST /admin/tokens/{id}/disable} and {@code …/enable}. */
  public void setTokenEnabled(Context ctx, AdminPrincipal principal, boolean enabled) {
    String id = ctx.pathParam("id");
    access.checkTarget(ctx, principal, AdminAction.MANAGE_TOKENS, roleOf(id));
    tokens.setEnabled(id, enabled);
    done(
        ctx,
        principal,
        enabled ? EventType.TOKEN_ENABLED : EventType.TOKEN_DISABLED,
        Payload.of(EventField.TOKEN_ID, id),
        id,
        null);
  }

  /** {@code POST /admin/tokens/breakglass}: a one-shot emergency token, shown once. */
  public void createBreakglass(Context ctx, AdminPrincipal principal) {
    // A breakglass token is an owner: creating it is creating an owner token.
    access.checkTarget(ctx, principal, AdminAction.CREATE_BREAKGLASS, AdminRole.OWNER);
    AdminTokenStore.Issued issued = tokens.create(null, true, null, AdminRole.OWNER);
    done(
        ctx,
        principal,
        EventType.TOKEN_CREATED,
        Payload.of(EventField.TOKEN_ID, issued.id())
            .with(EventField.BREAKGLASS, true)
            .with(EventField.ROLE, AdminRole.OWNER.wireName()),
        issued.id(),
        issued.value());
  }

  /**
   * {@code POST /admin/users/{id}/disable} and {@code …/enable}: takes effect on the user's next
   * request.
   */
  public void setUserEnabled(Context ctx, AdminPrincipal principal, boolean enabled) {
    String id = ctx.pathParam("id");
    users.setEnabled(id, enabled);
    done(
        ctx,
        principal,
        enabled ? EventType.USER_ENABLED : EventType.USER_DISABLED,
        Payload.of(EventField.USER_ID, id),
        id,
        null);
  }

  /**
   * {@code POST /admin/events/note}: {@code text}, optional {@code incident_id}; an {@code
   * incident_note} event (source {@code admin}), then back to the events page.
   */
  public void addIncidentNote(Context ctx, AdminPrincipal principal) {
    try {
      IncidentNotes.record(
          events,
          RequestAttributes.requestId(ctx),
          field(ctx, "text"),
          field(ctx, "incident_id"),
          principal.tokenId(),
          "admin");
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse(e.getMessage());
    }
    metrics.adminActions.inc();
    if (ResponseFormat.asksForJson(ctx)) {
      ctx.json(Map.of("ok", true, "action", EventType.INCIDENT_NOTE.wireName()));
      return;
    }
    ctx.redirect("/admin/events", HttpStatus.SEE_OTHER);
  }

  /** The role of token {@code id}; an unknown id is answered as before (404 by the store). */
  private AdminRole roleOf(String id) {
    return tokens.findById(id).map(AdminToken::role).orElse(AdminRole.AUDITOR);
  }

  private void done(
      Context ctx,
      AdminPrincipal principal,
      EventType type,
      Payload payload,
      String targetId,
      String newToken) {
    metrics.adminActions.inc();
    events.record(
        type,
        RequestAttributes.requestId(ctx),
        payload
            .with(EventField.ACTOR_TOKEN_ID, principal.tokenId())
            .with(EventField.SOURCE, "admin"));
    if (ResponseFormat.asksForJson(ctx)) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("ok", true);
      body.put("action", type.wireName());
      body.put("id", targetId);
      if (newToken != null) {
        body.put("token", newToken);
      }
      ctx.json(body);
      return;
    }
    if (newToken != null) {
      sessions.flash(ctx, "New token for " + targetId + " (shown once, store it now): " + newToken);
    }
    ctx.redirect("/admin", HttpStatus.SEE_OTHER);
  }

  private static String field(Context ctx, String name) {
    String value = ctx.formParam(name);
    if (value == null) {
      value = ctx.queryParam(name);
    }
    return value == null || value.isBlank() ? null : value.strip();
  }
}

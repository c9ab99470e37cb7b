package org.semptify.records.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import org.semptify.security.web.Sessions;
import org.semptify.vault.Certificate;

/**
 * Names who made a change for the audit trail without revealing a secret: a browser session by a
 * short hash of its id, a program by the fact that it used the token header.
 */
public final class Actor {
  private final Sessions sessions;

  public Actor(Sessions sessions) {
    this.sessions = sessions;
  }

  public String of(Context ctx) {
    if (ctx.header("X-User-Token") != null) {
      return "api token";
    }
    return sessions
        .existingBrowserSessionId(ctx)
        .map(
            sid ->
                "session "
                    + Certificate.sha256Hex(sid.getBytes(StandardCharsets.UTF_8)).substring(0, 12))
        .orElse("token form");
  }
}

package org.semptify.security.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Optional;
import org.semptify.web.BrowserSession;

/** The web kit's view of a browser session: CSRF form tokens and notices in sealed cookies. */
public final class BrowserSessions implements BrowserSession {
  private final Sessions sessions;
  private final FormTokens formTokens;

  public BrowserSessions(Sessions sessions, FormTokens formTokens) {
    this.sessions = sessions;
    this.formTokens = formTokens;
  }

  @Override
  public String formToken(Context ctx) {
    return formTokens.tokenFor(ctx);
  }

  @Override
  public void notice(Context ctx, ObjectNode notice) {
    sessions.notice(ctx, notice);
  }

  @Override
  public Optional<JsonNode> takeNotice(Context ctx) {
    return sessions.takeNotice(ctx);
  }
}

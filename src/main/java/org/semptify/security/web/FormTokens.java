package org.semptify.security.web;

import io.javalin.http.Context;
import java.util.Optional;
import org.semptify.security.CsrfProtection;

/** CSRF tokens for this browser: derived from the csrf.token secret and the browser session id. */
public final class FormTokens {
  private final Sessions sessions;
  private final CsrfProtection csrf;

  public FormTokens(Sessions sessions, CsrfProtection csrf) {
    this.sessions = sessions;
    this.csrf = csrf;
  }

  /** The token to embed in this browser's forms (creates the browser session when needed). */
  public String tokenFor(Context ctx) {
    return csrf.tokenFor(sessions.browserSessionId(ctx));
  }

  public boolean valid(Context ctx, String presented) {
    Optional<String> sid = sessions.existingBrowserSessionId(ctx);
    return sid.isPresent() && csrf.valid(sid.get(), presented);
  }
}

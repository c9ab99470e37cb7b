package org.semptify.admin;

/**
 * Who is acting on the admin plane: the id of the token that authenticated (never the token), and
 * how it was presented: {@code header}, {@code query}, {@code form}, {@code session} or {@code
 * open}.
 */
public record AdminPrincipal(String tokenId, String method) {
  public static final String OPEN_MODE_ID = "open-mode";
  public static final String LEGACY_ENV_ID = "legacy-env";

  /** True when the token arrived in a URL or form and a session cookie should replace it. */
  public boolean shouldStartSession() {
    return method.equals("query") || method.equals("form");
  }
}

package org.semptify.admin;

import org.semptify.store.AdminRole;

/**
 * Who is acting on the admin plane: the id of the token that authenticated (never the token), how
 * it was presented ({@code header}, {@code query}, {@code form}, {@code session} or {@code open}),
 * and the token's role as stored now ({@code ADMIN_TOKEN} and open mode act as {@code owner}).
 */
public record AdminPrincipal(String tokenId, String method, AdminRole role) {
  public static final String OPEN_MODE_ID = "open-mode";
  public static final String LEGACY_ENV_ID = "legacy-env";

  /** True when the token arrived in a URL or form and a session cookie should replace it. */
  public boolean shouldStartSession() {
    return method.equals("query") || method.equals("form");
  }

  /** Whether this principal's role allows {@code action} (see {@link AdminAction}'s table). */
  public boolean may(AdminAction action) {
    return role.atLeast(action.minimumRole());
  }
}

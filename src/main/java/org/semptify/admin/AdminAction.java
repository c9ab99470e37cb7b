package org.semptify.admin;

import org.semptify.store.AdminRole;

/**
 * The admin plane's permission table: every admin route and action names one of these, and each
 * names the lowest role allowed to do it. {@code AdminAccess} is the one place that checks it; the
 * dashboard asks the same table what to show. Roles are ordered owner ⊇ operator ⊇ auditor, and no
 * one may act on a token of a higher role than their own ({@link #mayActOn}).
 */
public enum AdminAction {
  /** {@code GET /admin}, {@code POST /admin/login}: readiness, metrics and the token list. */
  VIEW_DASHBOARD(AdminRole.AUDITOR),
  /** {@code GET /admin/status}. */
  VIEW_STATUS(AdminRole.AUDITOR),
  /** {@code GET /admin/sbom}. */
  VIEW_SBOM(AdminRole.AUDITOR),
  /** {@code GET /admin/events}. */
  VIEW_EVENTS(AdminRole.AUDITOR),
  /** The user list on the dashboard. */
  VIEW_USERS(AdminRole.OPERATOR),
  /** {@code POST /admin/users/{id}/disable} and {@code …/enable}. */
  MANAGE_USERS(AdminRole.OPERATOR),
  /** {@code POST /admin/events/note}: an {@code incident_note} event. */
  ADD_INCIDENT_NOTE(AdminRole.OPERATOR),
  /** {@code POST /rotate_token} naming the acting token itself. */
  ROTATE_OWN_TOKEN(AdminRole.OPERATOR),
  /**
   * {@code POST /rotate_token} naming another token, {@code POST /admin/tokens/{id}/disable} and
   * {@code …/enable}.
   */
  MANAGE_TOKENS(AdminRole.OWNER),
  /** {@code POST /admin/tokens/breakglass} (a breakglass token is always an owner). */
  CREATE_BREAKGLASS(AdminRole.OWNER);

  private final AdminRole minimumRole;

  AdminAction(AdminRole minimumRole) {
    this.minimumRole = minimumRole;
  }

  public AdminRole minimumRole() {
    return minimumRole;
  }

  /** Creating, disabling or rotating a token of a higher role than one's own is forbidden. */
  public static boolean mayActOn(AdminRole actor, AdminRole target) {
    return actor.atLeast(target);
  }
}

package org.semptify.admin;

/** An admin request without a valid token or session (401 and a login form for browsers). */
public final class AdminUnauthorizedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AdminUnauthorizedException() {
    super("unauthorized");
  }
}

package org.semptify.users.web;

/** A vault request without a valid user token or session (401, a token form for browsers). */
public final class UserUnauthorizedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserUnauthorizedException() {
    super("unauthorized");
  }
}

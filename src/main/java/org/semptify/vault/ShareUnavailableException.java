package org.semptify.vault;

/**
 * A share link that opens nothing: unknown, wrong grant token, revoked, expired, or its owner's
 * account disabled or expired. Answered 401 alike ({@code {"error":"unauthorized"}} for programs);
 * a browser is told the link was turned off or has expired, never shown the tenant's sign-in form.
 */
public final class ShareUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ShareUnavailableException() {
    super("the share link opens nothing", null, false, false);
  }
}

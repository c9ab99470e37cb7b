package org.semptify.security;

/** A state-changing request failed the CSRF checks (400 "CSRF validation failed"). */
public final class CsrfFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String reason;

  public CsrfFailedException(String reason) {
    super("CSRF validation failed");
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}

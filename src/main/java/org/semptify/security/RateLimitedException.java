package org.semptify.security;

/**
 * Over a rate limit: answered with {@code status}, {@code Retry-After} and {@code
 * {"error":"rate_limited"}}.
 */
public final class RateLimitedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final int retryAfterSeconds;

  public RateLimitedException(int status, int retryAfterSeconds) {
    super("rate_limited");
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}

package org.semptify.config;

/**
 * The seed's admin rate limit: at most {@code max} requests per {@code windowSeconds} per client
 * and path; {@code max <= 0} disables it. Denials answer {@code status} with {@code Retry-After}.
 */
public record AdminRateSettings(int windowSeconds, int max, int status, int retryAfterSeconds) {
  public boolean enabled() {
    return max > 0;
  }
}

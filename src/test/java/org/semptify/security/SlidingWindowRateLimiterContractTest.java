package org.semptify.security;

import java.time.Clock;
import org.semptify.store.RateLimitStore;
import org.semptify.store.RateLimitStoreContract;

/** The in-memory rate-limit windows pass the rate-limit store contract. */
class SlidingWindowRateLimiterContractTest extends RateLimitStoreContract {
  @Override
  protected RateLimitStore create(int max, long windowMillis, Clock clock) {
    return new SlidingWindowRateLimiter(max, windowMillis, clock);
  }
}

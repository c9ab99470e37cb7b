package org.semptify.store;

/**
 * The attempts one rate limit has counted, per key (an address, an address and a route): at most
 * {@code max} in any window of time, both fixed when the store is made. Today the windows live in
 * memory ({@link org.semptify.security.SlidingWindowRateLimiter}); a store shared by several server
 * instances keeps them where all of them count. {@code RateLimitStoreContract} checks the promises
 * below.
 */
public interface RateLimitStore {
  /**
   * Records an attempt for {@code key} now, atomically with the check: false (and nothing recorded)
   * when {@code key} has had {@code max} attempts within the window already. Of concurrent callers,
   * exactly as many as the window has room for get true.
   */
  boolean tryAcquire(String key);

  /** True when {@code key} has used up the window now, without recording an attempt. */
  boolean exhausted(String key);
}

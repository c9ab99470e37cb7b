package org.semptify.security;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.semptify.store.RateLimitStore;

/**
 * The in-memory {@link RateLimitStore}, one per server process. A sliding-window log per key: at
 * most {@code max} requests in any {@code window} milliseconds. Each key keeps only its last {@code
 * max} timestamps in a ring, so memory per key is bounded; keys idle for longer than the window are
 * swept, so a flood from many addresses does not grow the heap beyond what one window holds.
 *
 * <p>The sweep and an attempt may run at once on different threads. A window is retired and removed
 * under its own lock, only when it is still idle, and an attempt that finds its window retired
 * looks the key up again: an attempt is never recorded in a window the map no longer holds.
 */
public final class SlidingWindowRateLimiter implements RateLimitStore {
  private final int max;
  private final long windowMillis;
  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private volatile long nextSweepMillis;

  public SlidingWindowRateLimiter(int max, long windowMillis, Clock clock) {
    this.max = max;
    this.windowMillis = windowMillis;
    this.clock = clock;
  }

  /** Records an attempt for {@code key}; false when it is over the limit (and is not recorded). */
  @Override
  public boolean tryAcquire(String key) {
    if (max <= 0) {
      return true;
    }
    long now = clock.millis();
    sweepIfDue(now);
    while (true) {
      Window window = windows.computeIfAbsent(key, k -> new Window(max));
      Attempt attempt = window.tryAcquire(now, windowMillis);
      if (attempt != Attempt.RETIRED) {
        return attempt == Attempt.ALLOWED;
      }
      // Retired by a concurrent sweep after the lookup: the next lookup finds it gone.
    }
  }

  /** True when {@code key} has used up the window, without recording an attempt. */
  @Override
  public boolean exhausted(String key) {
    if (max <= 0) {
      return false;
    }
    Window window = windows.get(key);
    return window != null && window.full(clock.millis(), windowMillis);
  }

  /** Keys currently tracked (for tests and the memory benchmark). */
  public int trackedKeys() {
    return windows.size();
  }

  private void sweepIfDue(long now) {
    if (now < nextSweepMillis) {
      return;
    }
    nextSweepMillis = now + Math.max(1000, windowMillis / 2);
    for (Map.Entry<String, Window> entry : windows.entrySet()) {
      Window window = entry.getValue();
      if (window.retireIfIdle(now, windowMillis)) {
        windows.remove(entry.getKey(), window);
      }
    }
  }

  private enum Attempt {
    ALLOWED,
    DENIED,
    RETIRED
  }

  private static final class Window {
    private final long[] times;
    private int next; // index of the oldest entry once the ring is full
    private int count;
    private long last;
    private boolean retired;

    Window(int max) {
      this.times = new long[max];
    }

    /** RETIRED when a sweep removed this window: the caller must look the key up again. */
    synchronized Attempt tryAcquire(long now, long windowMillis) {
      if (retired) {
        return Attempt.RETIRED;
      }
      if (count == times.length && now - times[next] < windowMillis) {
        return Attempt.DENIED;
      }
      times[next] = now;
      next = (next + 1) % times.length;
      count = Math.min(count + 1, times.length);
      last = now;
      return Attempt.ALLOWED;
    }

    synchronized boolean full(long now, long windowMillis) {
      return count == times.length && now - times[next] < windowMillis;
    }

    /** Retires this window when it has been idle for a whole window; a retired one stays so. */
    synchronized boolean retireIfIdle(long now, long windowMillis) {
      if (!retired && now - last >= windowMillis) {
        retired = true;
      }
      return retired;
    }
  }
}

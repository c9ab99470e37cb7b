package org.semptify.auth;

import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sliding-window log per key: at most {@code max} requests in any {@code window} milliseconds.
 * Each key keeps only its last {@code max} timestamps in a ring, so memory per key is bounded; keys
 * idle for longer than the window are swept, so a flood from many addresses does not grow the heap
 * beyond what one window holds.
 */
public final class SlidingWindowRateLimiter {
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
  public boolean tryAcquire(String key) {
    if (max <= 0) {
      return true;
    }
    long now = clock.millis();
    sweepIfDue(now);
    Window window = windows.computeIfAbsent(key, k -> new Window(max));
    return window.tryAcquire(now, windowMillis);
  }

  /** True when {@code key} has used up the window, without recording an attempt. */
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
    Iterator<Window> iterator = windows.values().iterator();
    while (iterator.hasNext()) {
      if (iterator.next().idleSince(now, windowMillis)) {
        iterator.remove();
      }
    }
  }

  private static final class Window {
    private final long[] times;
    private int next; // index of the oldest entry once the ring is full
    private int count;
    private long last;

    Window(int max) {
      this.times = new long[max];
    }

    synchronized boolean tryAcquire(long now, long windowMillis) {
      if (count == times.length && now - times[next] < windowMillis) {
        return false;
      }
      times[next] = now;
      next = (next + 1) % times.length;
      count = Math.min(count + 1, times.length);
      last = now;
      return true;
    }

    synchronized boolean full(long now, long windowMillis) {
      return count == times.length && now - times[next] < windowMillis;
    }

    synchronized boolean idleSince(long now, long windowMillis) {
      return now - last >= windowMillis;
    }
  }
}

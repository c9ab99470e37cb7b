package org.semptify.store.file;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The 1 MiB direct buffers that blob files are written from and read into: aligned for {@code
 * O_DIRECT} (any block size up to 64 KiB), and off the heap, so that the JDK does not copy each
 * read or write through a temporary direct buffer of its own. A few idle ones are kept.
 *
 * <p>At most {@value #MAX_IN_USE} are in use at once: a download holds its buffer for as long as
 * its client takes, and direct memory is capped (by default at the heap's limit), so a burst of
 * slow downloads must not take it all. A transfer that finds none free goes through the page cache
 * with a small heap buffer instead ({@link #FALLBACK_BYTES}), as before these buffers existed.
 */
final class BlockBuffers {
  static final int BYTES = 1024 * 1024;
  static final int ALIGNMENT = 64 * 1024;

  /** Direct buffers in use at once, at most: 8 MiB off the heap. */
  static final int MAX_IN_USE = 8;

  /** The heap buffer of a transfer that found no direct one free: one cipher segment. */
  static final int FALLBACK_BYTES = 64 * 1024;

  /** Idle buffers kept for the next transfers. */
  private static final int POOLED = 2;

  private static final ConcurrentLinkedQueue<ByteBuffer> POOL = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger POOL_SIZE = new AtomicInteger();
  private static final AtomicInteger IN_USE = new AtomicInteger();

  private BlockBuffers() {}

  /**
   * A cleared direct buffer of {@value #BYTES} bytes, or null when {@value #MAX_IN_USE} are in use
   * or direct memory is short. Each one taken goes back through {@link #giveBack} exactly once.
   */
  static ByteBuffer tryTake() {
    if (IN_USE.incrementAndGet() > MAX_IN_USE) {
      IN_USE.decrementAndGet();
      return null;
    }
    ByteBuffer pooled = POOL.poll();
    if (pooled != null) {
      POOL_SIZE.decrementAndGet();
      pooled.clear();
      return pooled;
    }
    try {
      return ByteBuffer.allocateDirect(BYTES + ALIGNMENT).alignedSlice(ALIGNMENT).slice(0, BYTES);
    } catch (OutOfMemoryError e) {
      // "Cannot reserve direct buffer memory": the transfer does without, rather than fail.
      IN_USE.decrementAndGet();
      return null;
    }
  }

  /** Back to the pool, or dropped when enough are idle; the caller no longer touches it. */
  static void giveBack(ByteBuffer buffer) {
    IN_USE.decrementAndGet();
    if (POOL_SIZE.incrementAndGet() <= POOLED) {
      POOL.add(buffer);
    } else {
      POOL_SIZE.decrementAndGet();
    }
  }

  /** How many are in use now (tests). */
  static int inUse() {
    return IN_USE.get();
  }
}

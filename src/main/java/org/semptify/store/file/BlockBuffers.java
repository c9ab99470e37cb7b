package org.semptify.store.file;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The 1 MiB direct buffers that blob files are written from and read into: aligned for {@code
 * O_DIRECT} (any block size up to 64 KiB), and off the heap, so that the JDK does not copy each
 * read or write through a temporary direct buffer of its own. A few idle ones are kept; more
 * transfers at once allocate their own, which go with the next collection.
 */
final class BlockBuffers {
  static final int BYTES = 1024 * 1024;
  static final int ALIGNMENT = 64 * 1024;

  /** Idle buffers kept for the next transfers. */
  private static final int POOLED = 2;

  private static final ConcurrentLinkedQueue<ByteBuffer> POOL = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger POOL_SIZE = new AtomicInteger();

  private BlockBuffers() {}

  /** A cleared buffer of {@value #BYTES} bytes. */
  static ByteBuffer take() {
    ByteBuffer pooled = POOL.poll();
    if (pooled != null) {
      POOL_SIZE.decrementAndGet();
      pooled.clear();
      return pooled;
    }
    return ByteBuffer.allocateDirect(BYTES + ALIGNMENT).alignedSlice(ALIGNMENT).slice(0, BYTES);
  }

  /** Back to the pool, or dropped when enough are idle; the caller no longer touches it. */
  static void giveBack(ByteBuffer buffer) {
    if (POOL_SIZE.incrementAndGet() <= POOLED) {
      POOL.add(buffer);
    } else {
      POOL_SIZE.decrementAndGet();
    }
  }
}

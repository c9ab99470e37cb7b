package org.semptify.store.file;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

  /**
   * A buffer for one transfer: a direct one of {@value #BYTES} bytes when one is free, else a heap
   * buffer of {@value #FALLBACK_BYTES} (for the page cache only: {@code O_DIRECT} needs direct
   * memory). Goes back through {@link #giveBack} when the transfer ends.
   */
  static ByteBuffer take() {
    ByteBuffer direct = tryTake();
    return direct != null ? direct : ByteBuffer.allocate(FALLBACK_BYTES);
  }

  /**
   * Back to the pool, or dropped when enough are idle (a heap buffer simply goes with the next
   * collection); the caller no longer touches it.
   */
  static void giveBack(ByteBuffer buffer) {
    if (!buffer.isDirect()) {
      return;
    }
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

  /**
   * The block size of {@code path}'s file system when {@code O_DIRECT} can use these buffers there
   * (a power of two that divides {@value #BYTES}, at most {@value #ALIGNMENT}), else 0.
   */
  static int directBlockSize(Path path) {
    try {
      long blockSize = Files.getFileStore(path).getBlockSize();
      boolean usable =
          blockSize > 0
              && blockSize <= ALIGNMENT
              && Long.bitCount(blockSize) == 1
              && BYTES % blockSize == 0;
      return usable ? (int) blockSize : 0;
    } catch (IOException | UnsupportedOperationException e) {
      return 0;
    }
  }

  /** {@code path} opened again with {@code O_DIRECT}, or null where that is refused. */
  static FileChannel openDirect(Path path, StandardOpenOption mode) {
    try {
      return FileChannel.open(path, mode, ExtendedOpenOption.DIRECT);
    } catch (IOException | UnsupportedOperationException e) {
      return null; // the file system or platform does not do it: through the page cache
    }
  }
}

package org.semptify.backup;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The last stage of writing an archive, on a thread of its own: hashes the archive's bytes
 * (SHA-256) and writes them to the destination while the caller's thread reads, hashes and packs
 * the next files, so the two SHA-256 passes (each entry's, the archive's) run on two cores. Bytes
 * travel in 1 MiB chunks through a queue of four; memory stays bounded. {@link #close()} hands over
 * the rest, waits for the writer, and throws what it failed with.
 */
final class DigestingPipe extends OutputStream {
  private static final int CHUNK = 1 << 20;
  private static final byte[] END = new byte[0];

  private final OutputStream out;
  private final MessageDigest digest;
  private final BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(4);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(6);
  private final Thread writer;
  private volatile Throwable failure;
  private byte[] chunk = new byte[CHUNK];
  private int used;
  private long count;
  private boolean closed;

  DigestingPipe(OutputStream out, MessageDigest digest) {
    this.out = out;
    this.digest = digest;
    this.writer = new Thread(this::drain, "semptify-backup-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Bytes written to the destination; final after {@link #close()}. */
  long count() {
    return count;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      int n = Math.min(length, CHUNK - used);
      System.arraycopy(bytes, offset, chunk, used, n);
      used += n;
      offset += n;
      length -= n;
      if (used == CHUNK) {
        hand(chunk);
        byte[] recycled = free.poll();
        chunk = recycled != null ? recycled : new byte[CHUNK];
        used = 0;
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (used > 0) {
        hand(Arrays.copyOf(chunk, used));
      }
    } finally {
      put(END);
      try {
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while the archive was written");
      }
    }
    rethrow();
    out.close();
  }

  private void hand(byte[] bytes) throws IOException {
    rethrow();
    put(bytes);
  }

  private void put(byte[] bytes) throws IOException {
    try {
      full.put(bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the archive was written");
    }
  }

  private void rethrow() throws IOException {
    Throwable failed = failure;
    if (failed instanceof IOException io) {
      throw io;
    }
    if (failed != null) {
      throw new IOException("the archive could not be written", failed);
    }
  }

  /** The writer thread: until the end, hash and write each chunk; after a failure, only drain. */
  private void drain() {
    while (true) {
      byte[] bytes;
      try {
        bytes = full.take();
      } catch (InterruptedException e) {
        failure = e;
        return;
      }
      if (bytes == END) {
        return;
      }
      if (failure == null) {
        try {
          digest.update(bytes);
          out.write(bytes);
          count += bytes.length;
        } catch (IOException | RuntimeException e) {
          failure = e;
        }
      }
      if (bytes.length == CHUNK) {
        free.offer(bytes);
      }
    }
  }
}

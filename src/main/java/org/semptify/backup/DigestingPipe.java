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
 * travel in 1 MiB chunks through a queue of four; memory stays bounded. Only the caller's thread
 * writes to this stream; {@link #close()} hands over the rest, waits for the writer and throws what
 * it failed with.
 */
final class DigestingPipe extends OutputStream {
  private static final int CHUNK = 1 << 20;

  private final Drain drain;
  private final Thread thread;
  private byte[] chunk = new byte[CHUNK];
  private int used;
  private boolean closed;

  DigestingPipe(OutputStream out, MessageDigest digest) {
    this.drain = new Drain(out, digest);
    this.thread = new Thread(drain, "semptify-backup-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Bytes written to the destination; final after {@link #close()}. */
  long count() {
    return drain.count();
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    int from = offset;
    int left = length;
    while (left > 0) {
      int n = Math.min(left, CHUNK - used);
      System.arraycopy(bytes, from, chunk, used, n);
      used += n;
      from += n;
      left -= n;
      if (used == CHUNK) {
        drain.hand(chunk);
        chunk = new byte[CHUNK];
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
        drain.hand(Arrays.copyOf(chunk, used));
      }
    } finally {
      drain.end();
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while the archive was written");
      }
    }
    drain.finish();
  }

  /** The writer thread's side: until the end, hash and write each chunk; after a failure, drain. */
  private static final class Drain implements Runnable {
    private static final byte[] END = new byte[0];

    private final OutputStream out;
    private final MessageDigest digest;
    private final BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(4);
    private volatile Throwable failure;
    private volatile long count;

    Drain(OutputStream out, MessageDigest digest) {
      this.out = out;
      this.digest = digest;
    }

    long count() {
      return count;
    }

    void hand(byte[] bytes) throws IOException {
      rethrow();
      put(bytes);
    }

    void end() throws IOException {
      put(END);
    }

    /** After the thread ended: its failure, else the destination closed. */
    void finish() throws IOException {
      rethrow();
      out.close();
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

    @Override
    public void run() {
      long written = 0;
      while (true) {
        byte[] bytes;
        try {
          bytes = full.take();
        } catch (InterruptedException e) {
          failure = e;
          return;
        }
        if (bytes == END) {
          count = written;
          return;
        }
        if (failure == null) {
          try {
            digest.update(bytes);
            out.write(bytes);
            written += bytes.length;
          } catch (IOException | RuntimeException e) {
            failure = e;
          }
        }
      }
    }
  }
}

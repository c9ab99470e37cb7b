package org.semptify.vault;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.semptify.ops.StorageUnavailableException;

/**
 * Streams an upload through two overlapping stages: the request thread reads the body and hashes it
 * (SHA-256 of the plaintext) while a second thread encrypts the chunks already hashed and writes
 * them to the disk. On two cores this runs the hash beside the cipher and the kernel's writes,
 * rather than after them. Memory stays bounded: {@value #CHUNKS} chunks of {@value #CHUNK_BYTES}
 * bytes per upload, handed back and forth, never more.
 *
 * <p>Order is kept (one writer per upload, one queue). A failure on either side stops both: a
 * failed read (size limit, broken body) makes the writer stop without finishing the ciphertext; a
 * failed write (disk full) stops the reading at the next chunk and is thrown (an IOException or
 * {@link StorageUnavailableException} as it was, anything else wrapped). When {@link #transfer}
 * returns or throws, the writer has stopped touching {@code out}.
 */
final class UploadPipeline {
  static final int CHUNK_BYTES = 256 * 1024;
  static final int CHUNKS = 4;

  private static final Chunk END = new Chunk(null, 0);
  private static final Chunk ABORT = new Chunk(null, 0);

  private final ExecutorService writers;

  UploadPipeline() {
    AtomicInteger count = new AtomicInteger();
    // A cached pool: a writer per upload in progress (bounded by the concurrent-upload limit),
    // idle threads end after a minute.
    this.writers =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> {
              Thread thread = new Thread(task, "semptify-upload-writer-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  private record Chunk(byte[] bytes, int length) {}

  /**
   * Reads {@code in} to its end, updating {@code sha256} with every byte on the calling thread,
   * while the bytes are written to {@code out} on a second thread, which closes {@code out} once
   * all of them are written. If anything fails, {@code out} is left unclosed (an encrypting stream
   * then never writes its final segment) and the first failure is thrown.
   */
  void transfer(InputStream in, MessageDigest sha256, OutputStream out) throws IOException {
    BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    for (int i = 0; i < CHUNKS; i++) {
      free.add(new byte[CHUNK_BYTES]);
    }
    // Room for every chunk and the end marker: the reader never waits to hand one over.
    BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS + 1);
    Writer writer = new Writer(filled, free, out);
    Future<?> written = writers.submit(writer);
    boolean handedOver = false;
    try {
      while (!writer.failed) {
        byte[] buffer = free.take();
        int n = in.readNBytes(buffer, 0, buffer.length);
        if (n > 0) {
          sha256.update(buffer, 0, n);
          filled.add(new Chunk(buffer, n));
        }
        if (n < buffer.length) {
          break; // the end of the body
        }
      }
      filled.add(END);
      handedOver = true;
      await(written);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while receiving an upload");
    } finally {
      if (!handedOver) {
        filled.add(ABORT); // there is room: at most CHUNKS chunks are queued, and no END
        awaitQuietly(written);
      }
    }
  }

  /** Rethrows what the writer threw, as it was thrown. */
  private static void await(Future<?> written) throws IOException, InterruptedException {
    try {
      written.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof StorageUnavailableException storage) {
        throw storage; // the disk failed: mapped to its own answer and event
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("the upload could not be written", cause);
    }
  }

  /** Waits for an aborted writer to stop; its own failure, if any, is secondary. */
  private static void awaitQuietly(Future<?> written) {
    boolean interrupted = false;
    while (true) {
      try {
        written.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The second stage: writes chunks in order, gives their buffers back, closes at the end. */
  private static final class Writer implements java.util.concurrent.Callable<Void> {
    private final BlockingQueue<Chunk> filled;
    private final BlockingQueue<byte[]> free;
    private final OutputStream out;
    volatile boolean failed;

    Writer(BlockingQueue<Chunk> filled, BlockingQueue<byte[]> free, OutputStream out) {
      this.filled = filled;
      this.free = free;
      this.out = out;
    }

    @Override
    public Void call() throws Exception {
      Exception failure = null;
      Error fatal = null;
      while (true) {
        Chunk chunk = filled.take();
        if (chunk == ABORT) {
          return null;
        }
        if (chunk == END) {
          break;
        }
        if (!failed) {
          try {
            out.write(chunk.bytes(), 0, chunk.length());
          } catch (IOException | RuntimeException e) {
            failure = e;
            failed = true;
          } catch (Error e) {
            fatal = e;
            failed = true;
          }
        }
        // After a failure, keep handing buffers back so that the reader is never left waiting.
        free.add(chunk.bytes());
      }
      if (fatal != null) {
        throw fatal;
      }
      if (failure != null) {
        throw failure;
      }
      out.close();
      return null;
    }
  }
}

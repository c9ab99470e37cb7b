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
 * Streams an upload through three overlapping stages: the request thread reads the body, a second
 * thread hashes it (SHA-256 of the plaintext) and a third encrypts the same chunks and writes them
 * to the disk. Each chunk is read once and shared, read-only, by the two workers; it is reused when
 * both are done with it. On the 2-core benchmark machine the request thread alone had been the
 * bottleneck (receiving, parsing and hashing about 1.2 s of CPU per GiB, while the writer needed
 * about 0.3 s): split this way no stage needs more than about 0.6 s. Memory stays bounded: {@value
 * #CHUNKS} chunks of {@value #CHUNK_BYTES} bytes per upload, handed back and forth, never more.
 *
 * <p>Order is kept (one hasher and one writer per upload, each with one queue). A failure on either
 * side stops all: a failed read (size limit, broken body) makes the workers stop without finishing
 * the ciphertext; a failed write (disk full) stops the reading at the next chunk and is thrown (an
 * IOException or {@link StorageUnavailableException} as it was, anything else wrapped). When {@link
 * #transfer} returns or throws, the workers have stopped touching {@code sha256} and {@code out}.
 */
final class UploadPipeline {
  static final int CHUNK_BYTES = 256 * 1024;
  static final int CHUNKS = 4;

  private static final Chunk END = new Chunk(null, 0);
  private static final Chunk ABORT = new Chunk(null, 0);

  private final ExecutorService workers;

  UploadPipeline() {
    AtomicInteger count = new AtomicInteger();
    // A cached pool: two workers per upload in progress (bounded by the concurrent-upload limit),
    // idle threads end after a minute.
    this.workers =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> {
              Thread thread = new Thread(task, "semptify-upload-worker-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** A filled buffer, shared by both workers: back to the free list when both released it. */
  private static final class Chunk {
    final byte[] bytes;
    final int length;
    private final AtomicInteger users = new AtomicInteger(2);

    Chunk(byte[] bytes, int length) {
      this.bytes = bytes;
      this.length = length;
    }

    void release(BlockingQueue<byte[]> free) {
      if (users.decrementAndGet() == 0) {
        free.add(bytes);
      }
    }
  }

  /** What a worker does with each chunk, in order. */
  @FunctionalInterface
  private interface ChunkAction {
    void accept(byte[] bytes, int length) throws IOException;
  }

  /**
   * Reads {@code in} to its end; every byte updates {@code sha256} on one worker thread and is
   * written to {@code out} on another; {@code out} is closed once all of them are written and
   * hashed. If anything fails, {@code out} is left unclosed (an encrypting stream then never writes
   * its final segment) and the first failure is thrown.
   */
  void transfer(InputStream in, MessageDigest sha256, OutputStream out) throws IOException {
    BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    for (int i = 0; i < CHUNKS; i++) {
      free.add(new byte[CHUNK_BYTES]);
    }
    Stage hasher = new Stage(free, (bytes, length) -> sha256.update(bytes, 0, length));
    Stage writer = new Stage(free, (bytes, length) -> out.write(bytes, 0, length));
    Future<?> hashed = workers.submit(hasher);
    Future<?> written;
    try {
      written = workers.submit(writer);
    } catch (RuntimeException | Error e) {
      hasher.queue.add(ABORT);
      awaitQuietly(hashed);
      throw e;
    }
    boolean handedOver = false;
    try {
      while (!writer.failed && !hasher.failed) {
        byte[] buffer = free.take();
        int n = in.readNBytes(buffer, 0, buffer.length);
        if (n > 0) {
          Chunk chunk = new Chunk(buffer, n);
          hasher.queue.add(chunk);
          writer.queue.add(chunk);
        } else {
          free.add(buffer);
        }
        if (n < buffer.length) {
          break; // the end of the body
        }
      }
      hasher.queue.add(END);
      writer.queue.add(END);
      handedOver = true;
      try {
        await(written);
      } finally {
        awaitQuietly(hashed);
      }
      await(hashed);
      out.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while receiving an upload");
    } finally {
      if (!handedOver) {
        // There is room: at most CHUNKS chunks are queued, and no END.
        hasher.queue.add(ABORT);
        writer.queue.add(ABORT);
        awaitQuietly(hashed);
        awaitQuietly(written);
      }
    }
  }

  /** Rethrows what a worker threw, as it was thrown. */
  private static void await(Future<?> done) throws IOException, InterruptedException {
    try {
      done.get();
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

  /** Waits for a worker to stop; its own failure, if any, is secondary. */
  private static void awaitQuietly(Future<?> done) {
    boolean interrupted = false;
    while (true) {
      try {
        done.get();
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

  /** A worker: applies its action to the chunks in order and releases them, until the end. */
  private static final class Stage implements java.util.concurrent.Callable<Void> {
    final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final BlockingQueue<byte[]> free;
    private final ChunkAction action;
    volatile boolean failed;

    Stage(BlockingQueue<byte[]> free, ChunkAction action) {
      this.free = free;
      this.action = action;
    }

    @Override
    public Void call() throws Exception {
      Exception failure = null;
      Error fatal = null;
      while (true) {
        Chunk chunk = queue.take();
        if (chunk == ABORT) {
          return null;
        }
        if (chunk == END) {
          break;
        }
        if (!failed) {
          try {
            action.accept(chunk.bytes, chunk.length);
          } catch (IOException | RuntimeException e) {
            failure = e;
            failed = true;
          } catch (Error e) {
            fatal = e;
            failed = true;
          }
        }
        // After a failure, keep handing buffers back so that the reader is never left waiting.
        chunk.release(free);
      }
      if (fatal != null) {
        throw fatal;
      }
      if (failure != null) {
        throw failure;
      }
      return null;
    }
  }
}

package org.semptify.documents;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Joins a writer of bytes to a reader of them through a 64 KiB pipe, so that a large PDF goes from
 * PDFBox into the vault without ever being held whole: the writer runs on a thread of its own, the
 * reader on the caller's. If the writer fails, the reader sees that failure instead of the end of
 * the stream, so a truncated PDF is never stored.
 */
final class PdfStream {
  private static final int PIPE = 64 * 1024;

  /** Writes bytes. */
  @FunctionalInterface
  interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** Reads them all, and returns what it made of them. */
  @FunctionalInterface
  interface Reader<T> {
    T read(InputStream in) throws IOException;
  }

  private PdfStream() {}

  static <T> T into(Writer writer, Reader<T> reader) throws IOException {
    PipedInputStream pipe = new PipedInputStream(PIPE);
    PipedOutputStream sink = new PipedOutputStream(pipe);
    FutureTask<Void> task =
        new FutureTask<>(
            () -> {
              try (sink) {
                writer.write(sink);
              }
              return null;
            });
    Thread thread = new Thread(task, "pdf-writer");
    thread.setDaemon(true);
    thread.start();
    InputStream checked =
        new FilterInputStream(pipe) {
          @Override
          public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
              finished(task);
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
              finished(task);
            }
            return n;
          }
        };
    try {
      T result = reader.read(checked);
      pipe.close(); // a reader that stopped early fails the writer rather than leaving it waiting
      finished(task);
      return result;
    } finally {
      pipe.close(); // the writer's next write fails, and it stops
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits for the writer; its failure, if any, becomes the reader's. */
  private static void finished(FutureTask<Void> task) throws IOException {
    try {
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the PDF was written");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause();
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IOException("the PDF could not be written", cause);
    }
  }
}

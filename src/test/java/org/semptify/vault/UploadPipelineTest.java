package org.semptify.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The upload's two stages: hashing on the request thread, writing on a second one. */
class UploadPipelineTest {
  private final UploadPipeline pipeline = new UploadPipeline();

  /** Records which threads wrote and whether the stream was closed. */
  private static final class Recording extends OutputStream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final Set<Thread> writers = ConcurrentHashMap.newKeySet();
    final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writers.add(Thread.currentThread());
      bytes.write(b, off, len);
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void bytesArriveInOrderWrittenOnAnotherThreadAndHashedWhole() throws Exception {
    byte[] content = new byte[5 * UploadPipeline.CHUNK_BYTES + 12_345];
    new Random(7).nextBytes(content);
    Recording out = new Recording();
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");

    pipeline.transfer(new ByteArrayInputStream(content), sha256, out);

    assertThat(out.bytes.toByteArray()).isEqualTo(content);
    assertThat(sha256.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(content));
    assertThat(out.closed).isTrue();
    assertThat(out.writers).hasSize(1).doesNotContain(Thread.currentThread());
  }

  @Test
  void anEmptyBodyIsClosedEmpty() throws Exception {
    Recording out = new Recording();
    pipeline.transfer(
        new ByteArrayInputStream(new byte[0]), MessageDigest.getInstance("SHA-256"), out);
    assertThat(out.bytes.size()).isZero();
    assertThat(out.closed).isTrue();
  }

  @Test
  void aFailedReadLeavesTheOutputUnclosedAndIsThrown() throws Exception {
    byte[] content = new byte[3 * UploadPipeline.CHUNK_BYTES];
    InputStream broken =
        new InputStream() {
          int served;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (served >= content.length) {
              throw new IOException("the client went away");
            }
            int n = Math.min(len, content.length - served);
            served += n;
            return n;
          }
        };
    Recording out = new Recording();
    assertThatThrownBy(() -> pipeline.transfer(broken, MessageDigest.getInstance("SHA-256"), out))
        .isInstanceOf(IOException.class)
        .hasMessage("the client went away");
    assertThat(out.closed).isFalse();
  }

  @Test
  void aFailedWriteStopsTheReadingAndIsThrownAsItWas() throws Exception {
    AtomicLong read = new AtomicLong();
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) {
            read.addAndGet(len);
            return len;
          }
        };
    OutputStream full =
        new OutputStream() {
          @Override
          public void write(int b) {
            throw new UnsupportedOperationException();
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            throw new IOException("No space left on device");
          }
        };
    assertThatThrownBy(() -> pipeline.transfer(endless, MessageDigest.getInstance("SHA-256"), full))
        .isInstanceOf(IOException.class)
        .hasMessage("No space left on device");
    // Stopped within a few chunks, not at the end of an endless body.
    assertThat(read.get())
        .isLessThanOrEqualTo(4L * UploadPipeline.CHUNKS * UploadPipeline.CHUNK_BYTES);
  }
}

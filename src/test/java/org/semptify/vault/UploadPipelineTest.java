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

/**
 * The upload's three stages: reading on the request thread, hashing on a second one, encrypting and
 * writing on a third.
 */
class UploadPipelineTest {
  private final UploadPipeline pipeline = new UploadPipeline();

  /** Records which threads wrote and whether the stream was closed. */
  private static class Recording extends OutputStream {
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

  /** SHA-256 that records which threads fed it, optionally slowly. */
  private static final class RecordingDigest extends MessageDigest {
    final MessageDigest real;
    final Set<Thread> hashers = ConcurrentHashMap.newKeySet();
    final long pauseMillis;

    RecordingDigest(long pauseMillis) throws Exception {
      super("SHA-256");
      this.real = MessageDigest.getInstance("SHA-256");
      this.pauseMillis = pauseMillis;
    }

    @Override
    protected void engineUpdate(byte input) {
      engineUpdate(new byte[] {input}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
      hashers.add(Thread.currentThread());
      pause(pauseMillis);
      real.update(input, offset, len);
    }

    @Override
    protected byte[] engineDigest() {
      return real.digest();
    }

    @Override
    protected void engineReset() {
      real.reset();
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void bytesArriveInOrderWrittenAndHashedWholeOnTwoOtherThreads() throws Exception {
    byte[] content = new byte[5 * UploadPipeline.CHUNK_BYTES + 12_345];
    new Random(7).nextBytes(content);
    Recording out = new Recording();
    RecordingDigest sha256 = new RecordingDigest(0);

    pipeline.transfer(new ByteArrayInputStream(content), sha256, out);

    assertThat(out.bytes.toByteArray()).isEqualTo(content);
    assertThat(sha256.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(content));
    assertThat(out.closed).isTrue();
    assertThat(out.writers).hasSize(1).doesNotContain(Thread.currentThread());
    assertThat(sha256.hashers)
        .hasSize(1)
        .doesNotContain(Thread.currentThread())
        .doesNotContainAnyElementsOf(out.writers);
  }

  /**
   * Both workers read the same chunk: it is not refilled while the slower one still reads it, so a
   * slow hasher beside a fast writer (and the other way round) still sees every byte as sent.
   */
  @Test
  void aChunkIsReusedOnlyWhenBothWorkersAreDoneWithIt() throws Exception {
    byte[] content = new byte[3 * UploadPipeline.CHUNKS * UploadPipeline.CHUNK_BYTES + 99];
    new Random(11).nextBytes(content);
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(content);

    RecordingDigest slowHash = new RecordingDigest(5);
    Recording fastOut = new Recording();
    pipeline.transfer(new ByteArrayInputStream(content), slowHash, fastOut);
    assertThat(slowHash.digest()).isEqualTo(expected);
    assertThat(fastOut.bytes.toByteArray()).isEqualTo(content);

    RecordingDigest fastHash = new RecordingDigest(0);
    Recording slowOut =
        new Recording() {
          @Override
          public void write(byte[] b, int off, int len) {
            pause(5);
            super.write(b, off, len);
          }
        };
    pipeline.transfer(new ByteArrayInputStream(content), fastHash, slowOut);
    assertThat(fastHash.digest()).isEqualTo(expected);
    assertThat(slowOut.bytes.toByteArray()).isEqualTo(content);
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

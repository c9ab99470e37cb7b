package org.semptify.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.store.BlobStore;

/**
 * Blob files written in large aligned blocks past the page cache: every length comes out exact,
 * whether the last block is partial or not, with {@code O_DIRECT} or without it.
 */
class BlobFileOutputTest {
  private static final int BLOCK = BlobFileOutput.BUFFER_BYTES;

  @TempDir Path dir;

  /** Lengths around the block size and the file system's 4 KiB alignment. */
  private static final int[] LENGTHS = {
    0, 1, 4095, 4096, 4097, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 4096, 3 * BLOCK + 12_345
  };

  private static byte[] random(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Writes {@code content} in uneven pieces (as Tink's segments and headers arrive). */
  private Path write(byte[] content, boolean tryDirect, String name, boolean[] wroteDirect)
      throws IOException {
    Path file = dir.resolve(name);
    try (FileChannel channel =
            FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        BlobFileOutput out = new BlobFileOutput(channel, file, tryDirect)) {
      int[] pieces = {40, 65_496, 65_536, 7, 300_000};
      int at = 0;
      for (int i = 0; at < content.length; i++) {
        int n = Math.min(pieces[i % pieces.length], content.length - at);
        if (n == 7) {
          out.write(content[at]); // the single-byte path too
          n = 1;
        } else {
          out.write(content, at, n);
        }
        at += n;
      }
      out.finish();
      out.finish(); // again: nothing more
      channel.force(true);
      wroteDirect[0] = out.wroteDirect();
    }
    return file;
  }

  @Test
  void everyLengthComesOutExactThroughThePageCache() throws Exception {
    for (int length : LENGTHS) {
      byte[] content = random(length, length);
      boolean[] direct = new boolean[1];
      Path file = write(content, false, "buffered-" + length, direct);
      assertThat(Files.readAllBytes(file)).as("length %d", length).isEqualTo(content);
      assertThat(direct[0]).isFalse();
    }
  }

  @Test
  void everyLengthComesOutExactPastThePageCache() throws Exception {
    assumeDirectIo();
    for (int length : LENGTHS) {
      byte[] content = random(length, length);
      boolean[] direct = new boolean[1];
      Path file = write(content, true, "direct-" + length, direct);
      // The last block was padded to the alignment and the file truncated back to its length.
      assertThat(Files.size(file)).as("length %d", length).isEqualTo(length);
      assertThat(Files.readAllBytes(file)).as("length %d", length).isEqualTo(content);
      // A blob that fills the buffer goes past the page cache; a small one in one ordinary write.
      assertThat(direct[0]).as("length %d", length).isEqualTo(length >= BLOCK);
    }
  }

  @Test
  void aClosedOutputRefusesMoreBytes() throws Exception {
    Path file = dir.resolve("closed");
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      BlobFileOutput out = new BlobFileOutput(channel, file);
      out.write(random(BLOCK + 10, 1));
      out.close(); // abandoned, as after a failed upload: the rest is not written
      assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class);
      assertThatThrownBy(out::finish).isInstanceOf(IOException.class);
    }
    assertThat(Files.size(file)).isLessThanOrEqualTo(BLOCK);
  }

  @Test
  void aLargeBlobRoundTripsThroughTheStore() throws Exception {
    FileBlobStore store = new FileBlobStore(dir);
    byte[] content = random(2 * BLOCK + 777, 9);
    long size =
        store.writePending(
            "u_1",
            "d_1",
            out -> {
              for (int at = 0; at < content.length; at += 65_536) {
                out.write(content, at, Math.min(65_536, content.length - at));
              }
            });
    assertThat(size).isEqualTo(content.length);
    store.commitBlob("u_1", "d_1");
    BlobStore.StoredBlob blob = store.openBlob("u_1", "d_1").orElseThrow();
    try (InputStream in = blob.content()) {
      assertThat(blob.size()).isEqualTo(content.length);
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    try (var files = Files.list(dir.resolve("vault/u_1/blobs"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("d_1.bin");
    }
  }

  /** Skips where the test's file system does not do O_DIRECT (it falls back, tested above). */
  private void assumeDirectIo() throws IOException {
    Path probe = dir.resolve("probe");
    Files.createFile(probe);
    boolean supported;
    try (FileChannel channel =
        FileChannel.open(probe, Set.of(StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT))) {
      supported = channel.isOpen();
    } catch (IOException | UnsupportedOperationException e) {
      supported = false;
    }
    Files.delete(probe);
    Assumptions.assumeTrue(supported, "no O_DIRECT on " + dir);
  }
}

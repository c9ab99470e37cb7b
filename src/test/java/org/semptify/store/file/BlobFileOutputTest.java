package org.semptify.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.store.BlobStore;

/**
 * Blob files written in large aligned blocks past the page cache, and read back in large blocks:
 * every length comes out exact, whether the last block is partial or not, with {@code O_DIRECT} or
 * without it.
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

  /** Read back in Tink's 64 KiB pieces (and byte by byte), every length comes out exact. */
  @Test
  void blobFilesAreReadBackExactInBlocks() throws Exception {
    for (int length : LENGTHS) {
      byte[] content = random(length, length + 1);
      Path file = dir.resolve("read-" + length);
      Files.write(file, content);
      for (boolean tryDirect : new boolean[] {false, true}) {
        readBack(file, content, tryDirect);
      }
    }
  }

  private static void readBack(Path file, byte[] content, boolean tryDirect) throws IOException {
    int length = content.length;
    java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
    BlobFileInput in =
        new BlobFileInput(FileChannel.open(file, StandardOpenOption.READ), file, tryDirect);
    try (in) {
      int first = in.read();
      if (first >= 0) {
        read.write(first);
      }
      byte[] piece = new byte[65_536];
      for (int n = in.read(piece, 0, piece.length); n >= 0; n = in.read(piece)) {
        read.write(piece, 0, n);
      }
      assertThat(in.read()).isEqualTo(-1);
      if (!tryDirect || length == 0) {
        assertThat(in.readDirect()).isFalse();
      } else if (directIoSupported(file.getParent())) {
        assertThat(in.readDirect()).as("length %d", length).isTrue();
      }
    }
    assertThat(read.toByteArray()).as("length %d", length).isEqualTo(content);
    assertThatThrownBy(() -> in.read(new byte[1], 0, 1)).isInstanceOf(IOException.class);
  }

  @Test
  void theStoreReadsLargeBlobsInBlocksAndSmallOnesAsTheyAre() throws Exception {
    FileBlobStore store = new FileBlobStore(dir);
    byte[] large = random(BLOCK + 1, 5);
    byte[] small = random(BLOCK, 6);
    store.writePending("u_2", "d_large", out -> out.write(large));
    store.writePending("u_2", "d_small", out -> out.write(small));
    store.commitBlob("u_2", "d_large");
    store.commitBlob("u_2", "d_small");
    try (InputStream in = store.openBlob("u_2", "d_large").orElseThrow().content()) {
      assertThat(in).isInstanceOf(BlobFileInput.class);
      assertThat(in.readAllBytes()).isEqualTo(large);
    }
    try (InputStream in = store.openBlob("u_2", "d_small").orElseThrow().content()) {
      assertThat(in).isNotInstanceOf(BlobFileInput.class);
      assertThat(in.readAllBytes()).isEqualTo(small);
    }
  }

  @Test
  void manyDownloadsAtOnceShareABoundedNumberOfDirectBuffersAndAllComeOutExact() throws Exception {
    FileBlobStore store = new FileBlobStore(dir);
    int blobs = BlockBuffers.MAX_IN_USE + 4;
    byte[][] contents = new byte[blobs][];
    for (int i = 0; i < blobs; i++) {
      contents[i] = random(2 * BLOCK + i, 100 + i);
      byte[] content = contents[i];
      store.writePending("u_3", "d_" + i, out -> out.write(content));
      store.commitBlob("u_3", "d_" + i);
    }
    assertThat(BlockBuffers.inUse()).isZero();
    List<InputStream> open = new ArrayList<>();
    try {
      for (int i = 0; i < blobs; i++) {
        open.add(store.openBlob("u_3", "d_" + i).orElseThrow().content());
      }
      assertThat(BlockBuffers.inUse()).isEqualTo(BlockBuffers.MAX_IN_USE);
      for (int i = 0; i < blobs; i++) {
        assertThat(open.get(i).readAllBytes()).as("blob %d", i).isEqualTo(contents[i]);
      }
    } finally {
      for (InputStream in : open) {
        in.close();
      }
    }
    assertThat(BlockBuffers.inUse()).isZero();
  }

  @Test
  void withEveryDirectBufferTakenAnUploadIsWrittenThroughThePageCacheExactly() throws Exception {
    List<ByteBuffer> taken = new ArrayList<>();
    try {
      for (ByteBuffer b = BlockBuffers.tryTake(); b != null; b = BlockBuffers.tryTake()) {
        taken.add(b);
      }
      assertThat(taken).hasSize(BlockBuffers.MAX_IN_USE);
      byte[] content = random(3 * BLOCK + 12_345, 9);
      boolean[] direct = new boolean[1];
      Path file = write(content, true, "starved.bin", direct);
      assertThat(direct[0]).as("no direct buffer was free").isFalse();
      assertThat(Files.readAllBytes(file)).isEqualTo(content);
      readBack(file, content, false);
    } finally {
      taken.forEach(BlockBuffers::giveBack);
    }
    assertThat(BlockBuffers.inUse()).isZero();
  }

  /** Skips where the test's file system does not do O_DIRECT (it falls back, tested above). */
  private void assumeDirectIo() throws IOException {
    Assumptions.assumeTrue(directIoSupported(dir), "no O_DIRECT on " + dir);
  }

  private static boolean directIoSupported(Path dir) throws IOException {
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
    return supported;
  }
}

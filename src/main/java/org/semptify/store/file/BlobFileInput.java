package org.semptify.store.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A large blob file read in 1 MiB blocks into a direct buffer, past the page cache ({@code
 * O_DIRECT}) where the file system allows it, as {@link BlobFileOutput} writes them.
 *
 * <p>Tink reads a blob one 64 KiB segment at a time. A blob that is not in the page cache (one
 * written past it) read that way came at 400-650 MB/s on the benchmark machine, the kernel's copy
 * out of freshly filled cache pages dominating; {@code O_DIRECT} reads of 1 MiB blocks land in this
 * buffer directly (1-3 GB/s there). Where {@code O_DIRECT} is refused the same blocks are read
 * through the page cache. Closing it closes the channel.
 */
final class BlobFileInput extends InputStream {
  /** The size of each read. */
  static final int BLOCK_BYTES = BlockBuffers.BYTES;

  private final FileChannel channel;
  private final Path path;
  private final boolean tryDirect;

  private final long size;
  private ByteBuffer buffer;
  private FileChannel direct;
  private boolean directTried;
  private boolean readDirect;
  private long position;

  /**
   * @param channel the blob file, opened for reading; closed with this stream
   * @param path the same file, reopened with {@code O_DIRECT} for the reads
   */
  BlobFileInput(FileChannel channel, Path path) throws IOException {
    this(channel, path, true);
  }

  /** With {@code tryDirect} false, never {@code O_DIRECT} (as on a file system without it). */
  BlobFileInput(FileChannel channel, Path path, boolean tryDirect) throws IOException {
    this.channel = Objects.requireNonNull(channel);
    this.path = Objects.requireNonNull(path);
    this.size = channel.size(); // a committed blob never changes
    this.buffer = BlockBuffers.take();
    // Without a direct buffer free: through the page cache, one cipher segment at a time.
    this.tryDirect = tryDirect && buffer.isDirect();
    buffer.flip(); // empty
  }

  /** True once a block came from the disk past the page cache. */
  boolean readDirect() {
    return readDirect;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, into.length);
    if (buffer == null) {
      throw new IOException("the blob file is closed");
    }
    if (length == 0) {
      return 0;
    }
    if (!buffer.hasRemaining() && !fill()) {
      return -1;
    }
    int n = Math.min(length, buffer.remaining());
    buffer.get(into, offset, n);
    return n;
  }

  @Override
  public int available() {
    return buffer == null ? 0 : buffer.remaining();
  }

  /** Reads the next block (up to 1 MiB, less at the end); false at the end of the file. */
  private boolean fill() throws IOException {
    long wanted = Math.min(buffer.capacity(), size - position);
    if (wanted <= 0) {
      return false;
    }
    buffer.clear();
    if (!directTried) {
      directTried = true;
      direct = openDirect();
    }
    if (direct != null) {
      try {
        // The whole aligned buffer is asked for; at the end of the file the disk gives less.
        direct.read(buffer, position);
        readDirect = true;
      } catch (IOException e) {
        if (readDirect) {
          throw e;
        }
        direct.close(); // refused on the first block: read the ordinary way from here on
        direct = null;
        buffer.clear();
      }
    }
    // Whatever a direct read left short (nothing, normally) the ordinary way.
    while (buffer.position() < wanted) {
      buffer.limit((int) wanted);
      if (channel.read(buffer, position + buffer.position()) < 0) {
        break; // cut short under us: end here
      }
    }
    buffer.flip();
    if (buffer.limit() > wanted) {
      buffer.limit((int) wanted);
    }
    position += buffer.remaining();
    return buffer.hasRemaining();
  }

  /** The file reopened with {@code O_DIRECT}, or null where that is not possible here. */
  private FileChannel openDirect() {
    if (!tryDirect || BlockBuffers.directBlockSize(path) == 0) {
      return null;
    }
    return BlockBuffers.openDirect(path, StandardOpenOption.READ);
  }

  @Override
  public void close() throws IOException {
    ByteBuffer held = buffer;
    buffer = null;
    if (held != null) {
      BlockBuffers.giveBack(held);
    }
    try {
      if (direct != null) {
        direct.close();
        direct = null;
      }
    } finally {
      channel.close();
    }
  }
}

package org.semptify.store.file;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * The bytes of a blob file, written in large blocks from a direct buffer of its own, and past the
 * page cache ({@code O_DIRECT}) where the file system allows it.
 *
 * <p>A blob is fsynced before anyone may read it, so every byte has to reach the disk before the
 * upload is answered anyway: through the page cache that is one more copy of the whole file in the
 * kernel, dirty pages the final fsync then waits for, and (on the 2-core benchmark machine) 0.3 to
 * 2.3 s of kernel time per GiB. With {@code O_DIRECT} the disk reads each block from this buffer;
 * writing 1 GiB that way took 0.4-0.5 s there, where {@code write} + {@code fsync} took 1-3 s. The
 * file is still fsynced by its caller at the end (for the disk's own cache and the file's
 * metadata).
 *
 * <p>{@code O_DIRECT} needs aligned positions, lengths and memory: the buffer is aligned to the
 * file system's block size and written whole; the last, partial block is padded with zeros, written
 * whole, and the file then truncated to its real length. A file system that refuses {@code
 * O_DIRECT} (tmpfs on older kernels, some network file systems) gets the same large writes through
 * the ordinary channel. Small blobs, which never fill the buffer, are written by one ordinary
 * write.
 *
 * <p>Bytes reach the file when the buffer is full and at {@link #finish()}; {@link #flush()} does
 * not write a partial block. Not thread-safe: one writer at a time.
 */
final class BlobFileOutput extends OutputStream {
  /** The size of each write; a multiple of any block size this class uses directly. */
  static final int BUFFER_BYTES = BlockBuffers.BYTES;

  private final FileChannel channel;
  private final Path path;
  private final boolean tryDirect;

  private ByteBuffer buffer;
  private FileChannel direct;
  private int alignment;
  private boolean directTried;
  private boolean wroteDirect;
  private long position;
  private boolean finished;

  /**
   * @param channel the blob file, opened for writing (and fsynced by the caller)
   * @param path the same file, reopened with {@code O_DIRECT} once the first block is full
   */
  BlobFileOutput(FileChannel channel, Path path) {
    this(channel, path, true);
  }

  /** With {@code tryDirect} false, never {@code O_DIRECT} (as on a file system without it). */
  BlobFileOutput(FileChannel channel, Path path, boolean tryDirect) {
    this.channel = Objects.requireNonNull(channel);
    this.path = Objects.requireNonNull(path);
    this.buffer = BlockBuffers.take();
    // Without a direct buffer free: through the page cache, one cipher segment at a time.
    this.tryDirect = tryDirect && buffer.isDirect();
  }

  /** True once a block went to the disk past the page cache. */
  boolean wroteDirect() {
    return wroteDirect;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    ensureOpen();
    while (length > 0) {
      int n = Math.min(length, buffer.remaining());
      buffer.put(bytes, offset, n);
      offset += n;
      length -= n;
      if (!buffer.hasRemaining()) {
        writeBlock();
      }
    }
  }

  /** Nothing: a partial block is written only by {@link #finish()}. */
  @Override
  public void flush() {
    // deliberately empty
  }

  /**
   * Writes what is left and leaves the file exactly as long as the bytes written. The channel stays
   * open for its fsync. Calling it again does nothing.
   */
  void finish() throws IOException {
    if (finished) {
      return;
    }
    ensureOpen();
    int length = buffer.position();
    if (length > 0 && direct != null) {
      int padded = (length + alignment - 1) / alignment * alignment;
      while (buffer.position() < padded) {
        buffer.put((byte) 0);
      }
      buffer.flip();
      writeFully(direct, buffer, position);
      channel.truncate(position + length);
    } else if (length > 0) {
      buffer.flip();
      writeFully(channel, buffer, position);
    }
    position += length;
    finished = true;
    close();
  }

  /** Gives the buffer back and closes the direct channel; the caller's channel stays open. */
  @Override
  public void close() throws IOException {
    ByteBuffer held = buffer;
    buffer = null;
    if (held != null) {
      BlockBuffers.giveBack(held);
    }
    if (direct != null) {
      FileChannel opened = direct;
      direct = null;
      opened.close();
    }
  }

  private void ensureOpen() throws IOException {
    if (buffer == null) {
      throw new IOException("the blob file is closed");
    }
  }

  /** Writes the full buffer at the current position. */
  private void writeBlock() throws IOException {
    buffer.flip();
    if (!directTried) {
      directTried = true;
      direct = openDirect();
    }
    if (direct != null) {
      try {
        writeFully(direct, buffer, position);
        wroteDirect = true;
      } catch (IOException e) {
        if (wroteDirect) {
          throw e;
        }
        // The first direct write was refused (an alignment the file system wants differently):
        // nothing of it was written; write this block and the rest the ordinary way.
        direct.close();
        direct = null;
        buffer.rewind();
        writeFully(channel, buffer, position);
      }
    } else {
      writeFully(channel, buffer, position);
    }
    position += buffer.limit();
    buffer.clear();
  }

  /** The file reopened with {@code O_DIRECT}, or null where that is not possible here. */
  private FileChannel openDirect() {
    if (!tryDirect) {
      return null;
    }
    int blockSize = BlockBuffers.directBlockSize(path);
    FileChannel opened =
        blockSize == 0 ? null : BlockBuffers.openDirect(path, StandardOpenOption.WRITE);
    alignment = blockSize;
    return opened;
  }

  private static void writeFully(FileChannel to, ByteBuffer from, long at) throws IOException {
    long offset = at;
    while (from.hasRemaining()) {
      offset += to.write(from, offset);
    }
  }
}

package org.semptify.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a whole file in reads of at most {@value #READ_BYTES} bytes. {@link Files#readAllBytes}
 * reads a file in one call into one heap array, for which the JDK copies through a temporary direct
 * buffer as large as the file and then keeps that buffer cached in the reading thread for good: a
 * 28 MB {@code users.json} left 28 MB of native memory resident in every thread that ever read it.
 */
public final class FileBytes {
  static final int READ_BYTES = 256 * 1024;

  private FileBytes() {}

  public static byte[] readAll(Path file) throws IOException {
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE - 8) {
        throw new IOException("file too large to read whole: " + file.getFileName());
      }
      byte[] bytes = new byte[(int) size];
      int filled = 0;
      while (filled < bytes.length) {
        int n =
            channel.read(
                ByteBuffer.wrap(bytes, filled, Math.min(READ_BYTES, bytes.length - filled)));
        if (n < 0) {
          return Arrays.copyOf(bytes, filled); // shorter than it was a moment ago
        }
        filled += n;
      }
      // Longer than it was a moment ago: read the rest too.
      byte[] chunk = new byte[READ_BYTES];
      ByteArrayOutputStream rest = null;
      for (int n = channel.read(ByteBuffer.wrap(chunk));
          n >= 0;
          n = channel.read(ByteBuffer.wrap(chunk))) {
        if (rest == null) {
          rest = new ByteArrayOutputStream();
          rest.write(bytes);
        }
        rest.write(chunk, 0, n);
      }
      return rest == null ? bytes : rest.toByteArray();
    }
  }
}

package org.semptify.backup;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How a tar is compressed: not at all, gzip or zstd, chosen by the file name when writing ({@code
 * .tar.gz}, {@code .tgz}, {@code .tar.zst}, {@code .tzst}, also before a final {@code .enc}) and by
 * the first bytes when reading. Vault blobs are ciphertext and do not shrink; the rest does.
 */
public enum Compression {
  NONE,
  GZIP,
  ZSTD;

  private static final int ZSTD_LEVEL = 3;

  /** The compression a file name asks for. */
  public static Compression forName(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".enc")) {
      name = name.substring(0, name.length() - ".enc".length());
    }
    if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
      return GZIP;
    }
    if (name.endsWith(".tar.zst") || name.endsWith(".tzst")) {
      return ZSTD;
    }
    return NONE;
  }

  OutputStream compressing(OutputStream out) throws IOException {
    return switch (this) {
      case NONE -> out;
      case GZIP -> new GZIPOutputStream(out, 1 << 16);
      case ZSTD -> new ZstdOutputStream(out, ZSTD_LEVEL);
    };
  }

  /** The compression whose magic number starts {@code head}. */
  static Compression detect(byte[] head, int length) {
    if (length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
      return GZIP;
    }
    if (length >= 4
        && (head[0] & 0xFF) == 0x28
        && (head[1] & 0xFF) == 0xB5
        && (head[2] & 0xFF) == 0x2F
        && (head[3] & 0xFF) == 0xFD) {
      return ZSTD;
    }
    return NONE;
  }

  InputStream decompressing(InputStream in) throws IOException {
    return switch (this) {
      case NONE -> in;
      case GZIP -> new GZIPInputStream(in, 1 << 16);
      case ZSTD -> new ZstdInputStream(in);
    };
  }
}

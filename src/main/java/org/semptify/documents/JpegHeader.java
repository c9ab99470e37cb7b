package org.semptify.documents;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * What a PDF needs to know of a JPEG to embed its bytes as they are (DCTDecode): the size, the
 * number of colour components and the EXIF orientation a camera recorded. Read from the markers
 * before the image data, so only the first kilobytes of a photo are ever read for it.
 */
record JpegHeader(int width, int height, int components, int orientation) {
  private static final int SOI = 0xD8;

  /** The header, or null when the stream is not a baseline or progressive JPEG this can embed. */
  static JpegHeader read(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    if (in.readUnsignedByte() != 0xFF || in.readUnsignedByte() != SOI) {
      return null;
    }
    int orientation = 1;
    try {
      while (true) {
        int marker = in.readUnsignedByte();
        if (marker != 0xFF) {
          return null;
        }
        int code = in.readUnsignedByte();
        while (code == 0xFF) {
          code = in.readUnsignedByte(); // fill bytes
        }
        if (code == 0xD9 || code == 0xDA) {
          return null; // end of image or start of scan before any frame header
        }
        if (code == 0x01 || (code >= 0xD0 && code <= 0xD7)) {
          continue; // markers without a length
        }
        int length = in.readUnsignedShort() - 2;
        if (length < 0) {
          return null;
        }
        boolean frame =
            code >= 0xC0 && code <= 0xCF && code != 0xC4 && code != 0xC8 && code != 0xCC;
        if (frame) {
          byte[] sof = in.readNBytes(length);
          if (sof.length < 6) {
            return null;
          }
          int height = ((sof[1] & 0xFF) << 8) | (sof[2] & 0xFF);
          int width = ((sof[3] & 0xFF) << 8) | (sof[4] & 0xFF);
          int components = sof[5] & 0xFF;
          boolean embeddable = code <= 0xC2; // baseline, extended, progressive (Huffman)
          return embeddable && width > 0 && height > 0
              ? new JpegHeader(width, height, components, orientation)
              : null;
        }
        if (code == 0xE1 && length >= 14) {
          byte[] app1 = in.readNBytes(Math.min(length, 64 * 1024));
          in.skipNBytes(length - app1.length);
          orientation = exifOrientation(app1, orientation);
        } else {
          in.skipNBytes(length);
        }
      }
    } catch (EOFException e) {
      return null;
    }
  }

  /** Tag 0x0112 of the first IFD of an "Exif" APP1 segment; {@code otherwise} if absent. */
  private static int exifOrientation(byte[] app1, int otherwise) {
    if (!(app1[0] == 'E' && app1[1] == 'x' && app1[2] == 'i' && app1[3] == 'f')) {
      return otherwise;
    }
    int tiff = 6;
    boolean little = app1[tiff] == 'I';
    int ifd = tiff + (int) number(app1, tiff + 4, 4, little);
    if (ifd < tiff || ifd + 2 > app1.length) {
      return otherwise;
    }
    int entries = (int) number(app1, ifd, 2, little);
    for (int i = 0; i < entries; i++) {
      int entry = ifd + 2 + i * 12;
      if (entry + 12 > app1.length) {
        break;
      }
      if (number(app1, entry, 2, little) == 0x0112) {
        int value = (int) number(app1, entry + 8, 2, little);
        return value >= 1 && value <= 8 ? value : otherwise;
      }
    }
    return otherwise;
  }

  private static long number(byte[] bytes, int at, int size, boolean little) {
    long value = 0;
    for (int i = 0; i < size; i++) {
      int b = bytes[at + (little ? size - 1 - i : i)] & 0xFF;
      value = (value << 8) | b;
    }
    return value;
  }

  /** True when the picture is shown turned a quarter (EXIF orientations 5 to 8). */
  boolean quarterTurn() {
    return orientation >= 5;
  }
}

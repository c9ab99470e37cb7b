package org.semptify.vault;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The download content type, decided from the file's first bytes — never from what the client
 * claimed. Unknown content is {@code application/octet-stream}, which browsers only download.
 */
public final class ContentSniffer {
  static final int HEAD_BYTES = 512;

  private ContentSniffer() {}

  public static String sniff(byte[] head, int length) {
    if (starts(head, length, "%PDF-")) {
      return "application/pdf";
    }
    if (starts(head, length, new int[] {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
      return "image/png";
    }
    if (starts(head, length, new int[] {0xFF, 0xD8, 0xFF})) {
      return "image/jpeg";
    }
    if (starts(head, length, "GIF87a") || starts(head, length, "GIF89a")) {
      return "image/gif";
    }
    if (starts(head, length, "RIFF") && at(head, length, 8, "WEBP")) {
      return "image/webp";
    }
    if (starts(head, length, "RIFF") && at(head, length, 8, "WAVE")) {
      return "audio/wav";
    }
    if (at(head, length, 4, "ftyp")) {
      if (at(head, length, 8, "heic")
          || at(head, length, 8, "heix")
          || at(head, length, 8, "mif1")) {
        return "image/heic";
      }
      if (at(head, length, 8, "M4A ")) {
        return "audio/mp4";
      }
      if (at(head, length, 8, "qt  ")) {
        return "video/quicktime";
      }
      return "video/mp4";
    }
    if (starts(head, length, "ID3") || starts(head, length, new int[] {0xFF, 0xFB})) {
      return "audio/mpeg";
    }
    if (starts(head, length, "OggS")) {
      return "audio/ogg";
    }
    if (starts(head, length, new int[] {0x1A, 0x45, 0xDF, 0xA3})) {
      return "video/webm";
    }
    if (starts(head, length, new int[] {'P', 'K', 3, 4})) {
      return "application/zip";
    }
    if (length == 0 || isUtf8Text(head, length)) {
      return "text/plain; charset=utf-8";
    }
    return "application/octet-stream";
  }

  private static boolean isUtf8Text(byte[] head, int length) {
    for (int i = 0; i < length; i++) {
      int b = head[i] & 0xFF;
      if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B)) {
        return false;
      }
    }
    try {
      // The head may cut a multi-byte character: ignore up to 3 trailing bytes.
      int check = Math.max(0, length - (length == HEAD_BYTES ? 3 : 0));
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(head, 0, check));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean starts(byte[] head, int length, String ascii) {
    return at(head, length, 0, ascii);
  }

  private static boolean at(byte[] head, int length, int offset, String ascii) {
    if (length < offset + ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (head[offset + i] != (byte) ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean starts(byte[] head, int length, int[] bytes) {
    if (length < bytes.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if ((head[i] & 0xFF) != bytes[i]) {
        return false;
      }
    }
    return true;
  }
}

package org.semptify.vault;

import java.text.Normalizer;

/**
 * Display names for uploaded files: the last path segment only, control and bidirectional-override
 * characters removed, Unicode letters and emoji kept, at most 200 characters. Names are only ever
 * shown and offered for download; nothing on disk is named after them.
 */
public final class FileNames {
  static final int MAX_LENGTH = 200;

  private FileNames() {}

  public static String sanitise(String raw) {
    if (raw == null) {
      return "file";
    }
    String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1);
    StringBuilder clean = new StringBuilder(name.length());
    name.codePoints()
        .filter(cp -> !Character.isISOControl(cp))
        .filter(cp -> !isBidiControl(cp))
        .filter(
            cp -> Character.getType(cp) != Character.FORMAT || cp == 0x200D) // keep ZWJ for emoji
        .forEach(clean::appendCodePoint);
    name = clean.toString().strip();
    while (name.startsWith(".")) {
      name = name.substring(1); // no hidden files, no "..": a name is never a path
    }
    if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
      name = name.substring(0, name.offsetByCodePoints(0, MAX_LENGTH));
    }
    return name.isBlank() ? "file" : name;
  }

  /** An ASCII-only fallback for the {@code filename=} parameter of Content-Disposition. */
  public static String asciiFallback(String name) {
    StringBuilder ascii = new StringBuilder();
    for (char c : name.toCharArray()) {
      ascii.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != ';' ? c : '_');
    }
    return ascii.toString();
  }

  private static boolean isBidiControl(int cp) {
    return (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0x200E
        || cp == 0x200F;
  }
}

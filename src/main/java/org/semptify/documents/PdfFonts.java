package org.semptify.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;

/**
 * The TrueType fonts generated PDFs embed, found once at start-up among the system's fonts: DejaVu
 * Sans (Latin, Greek, Cyrillic, the § sign) and Droid Sans Fallback (Chinese, Japanese, Korean).
 * Each character is drawn with the first font that has it; a character no font has becomes "?" in
 * the PDF only — the text twin keeps it exactly. Debian: {@code fonts-dejavu-core} and {@code
 * fonts-droid-fallback}.
 */
public final class PdfFonts {
  private static final List<String> FONT_FOLDERS =
      List.of(
          "/usr/share/fonts/truetype/dejavu",
          "/usr/share/fonts/dejavu",
          "/usr/share/fonts/TTF",
          "/usr/share/fonts/truetype/droid",
          "/usr/share/fonts/google-droid-sans-fonts");

  /**
   * A font file and the characters it has glyphs for; the character map is read when a PDF first
   * needs it, not at start-up (the CJK font alone takes ~0.1 s to parse).
   */
  static final class FontFile {
    private final Path path;
    private volatile CmapLookup cmap;

    FontFile(Path path) {
      this.path = path;
    }

    Path path() {
      return path;
    }

    boolean covers(int codePoint) {
      CmapLookup lookup = cmap;
      if (lookup == null) {
        lookup = readCmap(path); // a race reads it twice, harmlessly
        cmap = lookup;
      }
      return lookup.getGlyphId(codePoint) != 0;
    }

    String name() {
      return String.valueOf(path.getFileName());
    }
  }

  private final Optional<FontFile> regular;
  private final Optional<FontFile> bold;
  private final Optional<FontFile> fallback;

  PdfFonts(Optional<FontFile> regular, Optional<FontFile> bold, Optional<FontFile> fallback) {
    this.regular = regular;
    this.bold = bold;
    this.fallback = fallback;
  }

  /** Finds the fonts in the usual system folders. */
  public static PdfFonts discover() {
    return new PdfFonts(
        find("DejaVuSans.ttf"), find("DejaVuSans-Bold.ttf"), find("DroidSansFallbackFull.ttf"));
  }

  Optional<FontFile> regular() {
    return regular;
  }

  Optional<FontFile> bold() {
    return bold;
  }

  Optional<FontFile> fallback() {
    return fallback;
  }

  /** One line for the start-up log: which fonts PDFs will use, and what is missing. */
  public String describe() {
    String latin = regular.map(FontFile::name).orElse("Helvetica (no DejaVuSans.ttf: ASCII only)");
    String cjk =
        fallback.map(FontFile::name).orElse("none (install fonts-droid-fallback for CJK names)");
    return "pdf fonts: " + latin + "; CJK: " + cjk;
  }

  private static Optional<FontFile> find(String fileName) {
    for (String folder : FONT_FOLDERS) {
      Path candidate = Path.of(folder, fileName);
      if (Files.isReadable(candidate)) {
        return Optional.of(new FontFile(candidate));
      }
    }
    return Optional.empty();
  }

  private static CmapLookup readCmap(Path file) {
    try (TrueTypeFont font =
        new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()))) {
      CmapLookup cmap = font.getUnicodeCmapLookup();
      cmap.getGlyphId('A'); // reads the table now, while the file is open
      return cmap;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the font " + file, e);
    }
  }
}

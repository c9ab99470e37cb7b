package org.semptify.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The TrueType fonts generated PDFs embed. They come with the build (inside the jar, under {@code
 * org/semptify/documents/fonts/} with their licences), so a PDF renders the same on every machine
 * and no system font is looked for: DejaVu Sans (Latin, Greek, Cyrillic, the § sign; Bitstream Vera
 * licence) and Droid Sans Fallback (Chinese, Japanese, Korean; Apache 2.0). Each character is drawn
 * with the first font that has it; a character no font has becomes "?" in the PDF only — the text
 * twin keeps it exactly.
 */
public final class PdfFonts {
  /** Where the bundled fonts sit on the class path. */
  static final String FOLDER = "/org/semptify/documents/fonts/";

  /**
   * A bundled font and the characters it has glyphs for; the character map is read when a PDF first
   * needs it, not at start-up (the CJK font alone takes ~0.1 s to parse).
   */
  static final class FontFile {
    private final String fileName;
    private volatile CmapLookup cmap;

    FontFile(String fileName) {
      this.fileName = fileName;
    }

    /** The font's bytes, read afresh from the jar: nothing stays in memory between PDFs. */
    InputStream open() throws IOException {
      InputStream in = PdfFonts.class.getResourceAsStream(FOLDER + fileName);
      if (in == null) {
        throw new IOException("the font " + fileName + " is missing from the class path");
      }
      return in;
    }

    boolean covers(int codePoint) {
      CmapLookup lookup = cmap;
      if (lookup == null) {
        lookup = readCmap(this); // a race reads it twice, harmlessly
        cmap = lookup;
      }
      return lookup.getGlyphId(codePoint) != 0;
    }

    String name() {
      return fileName;
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

  /** The fonts that come with the build. */
  public static PdfFonts discover() {
    return new PdfFonts(
        bundled("DejaVuSans.ttf"),
        bundled("DejaVuSans-Bold.ttf"),
        bundled("DroidSansFallbackFull.ttf"));
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
    String cjk = fallback.map(FontFile::name).orElse("none (no DroidSansFallbackFull.ttf)");
    return "pdf fonts (bundled): " + latin + "; CJK: " + cjk;
  }

  /** A font of the build, or none if a trimmed build left it out. */
  private static Optional<FontFile> bundled(String fileName) {
    return PdfFonts.class.getResource(FOLDER + fileName) == null
        ? Optional.empty()
        : Optional.of(new FontFile(fileName));
  }

  private static CmapLookup readCmap(FontFile file) {
    try (InputStream in = file.open();
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(in))) {
      CmapLookup cmap = font.getUnicodeCmapLookup();
      cmap.getGlyphId('A'); // reads the table now, while the font is open
      return cmap;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the font " + file.name(), e);
    }
  }
}

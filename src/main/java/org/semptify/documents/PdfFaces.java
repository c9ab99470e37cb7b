package org.semptify.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The fonts of one PDF being written: loaded (as embedded subsets) only when a character needs
 * them, and the splitting of text into runs that each one font can draw.
 */
final class PdfFaces {
  /** Text that one font draws. */
  record Run(PDFont font, String text) {}

  private final PDDocument document;
  private final PdfFonts fonts;
  private PDFont regular;
  private PDFont bold;
  private PDFont fallback;

  PdfFaces(PDDocument document, PdfFonts fonts) {
    this.document = document;
    this.fonts = fonts;
  }

  /** Splits {@code text} into runs, each drawn by the first font that has its characters. */
  List<Run> runs(String text, boolean strong) {
    List<Run> runs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    PDFont currentFont = null;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      PDFont font = fontFor(codePoint, strong);
      String glyph = font == null ? "?" : new String(Character.toChars(codePoint));
      if (font == null) {
        font = primary(strong);
      }
      if (font != currentFont && current.length() > 0) {
        runs.add(new Run(currentFont, current.toString()));
        current.setLength(0);
      }
      currentFont = font;
      current.append(glyph);
    }
    if (current.length() > 0) {
      runs.add(new Run(currentFont, current.toString()));
    }
    return runs;
  }

  /** The width of {@code text} at {@code size} points. */
  float width(String text, boolean strong, float size) {
    float width = 0;
    for (Run run : runs(text, strong)) {
      try {
        width += run.font().getStringWidth(run.text()) / 1000f * size;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return width;
  }

  private PDFont fontFor(int codePoint, boolean strong) {
    if (Character.isWhitespace(codePoint) || Character.isISOControl(codePoint)) {
      return primary(strong);
    }
    Optional<PdfFonts.FontFile> own = strong ? fonts.bold().or(fonts::regular) : fonts.regular();
    if (own.isPresent() && own.get().covers(codePoint)) {
      return primary(strong);
    }
    if (own.isEmpty() && codePoint < 0x7F) {
      return primary(strong); // the built-in Helvetica draws ASCII
    }
    if (fonts.fallback().isPresent() && fonts.fallback().get().covers(codePoint)) {
      if (fallback == null) {
        fallback = load(fonts.fallback().get());
      }
      return fallback;
    }
    return null;
  }

  private PDFont primary(boolean strong) {
    if (strong) {
      if (bold == null) {
        bold = fonts.bold().or(fonts::regular).map(this::load).orElseGet(() -> standard(true));
      }
      return bold;
    }
    if (regular == null) {
      regular = fonts.regular().map(this::load).orElseGet(() -> standard(false));
    }
    return regular;
  }

  private PDFont load(PdfFonts.FontFile file) {
    try (InputStream in = file.open()) {
      return PDType0Font.load(document, in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot embed the font " + file.name(), e);
    }
  }

  private static PDFont standard(boolean strong) {
    return new PDType1Font(
        strong ? Standard14Fonts.FontName.HELVETICA_BOLD : Standard14Fonts.FontName.HELVETICA);
  }
}

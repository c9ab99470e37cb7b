package org.semptify.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.semptify.i18n.Translator;

/**
 * Lays a {@link DocumentContent} out on US Letter pages with real, extractable text: wrapped
 * paragraphs, tables whose header repeats on each page, tick boxes, and on every page a footer with
 * the page number, the document id and the SHA-256 of the document's text twin, so a printed copy
 * can be matched to its certificate.
 */
public final class PdfRenderer {
  private static final PDRectangle PAGE = PDRectangle.LETTER;
  private static final float MARGIN = 72;
  private static final float BOTTOM = 80; // the footer lives below this line
  private static final float WIDTH = PAGE.getWidth() - 2 * MARGIN;
  private static final float BODY = 11;
  private static final float HEADING = 13.5f;
  private static final float TITLE = 18;
  private static final float CELL = 9;
  private static final float FOOTER = 7.5f;

  private final PdfFonts fonts;
  private final Clock clock;

  public PdfRenderer(PdfFonts fonts, Clock clock) {
    this.fonts = fonts;
    this.clock = clock;
  }

  /** The footer every page carries. */
  public record Footer(String docId, String textSha256, Translator text) {}

  public byte[] render(DocumentContent content, Footer footer) {
    try (PDDocument document = new PDDocument()) {
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle(content.title());
      info.setCreator("Semptify");
      Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
      created.setTimeInMillis(clock.millis());
      info.setCreationDate(created);
      Layout layout = new Layout(document, new PdfFaces(document, fonts));
      layout.title(content.title());
      for (DocumentContent.Block block : content.blocks()) {
        if (block instanceof DocumentContent.Heading heading) {
          layout.heading(heading.text());
        } else if (block instanceof DocumentContent.Paragraph paragraph) {
          layout.paragraph(paragraph.text());
        } else if (block instanceof DocumentContent.Table table) {
          layout.table(table);
        } else if (block instanceof DocumentContent.Checklist checklist) {
          for (DocumentContent.Checklist.Item item : checklist.items()) {
            layout.paragraphLines(item.mark() + "  " + item.label(), BODY, false, 0);
          }
          layout.gap(BODY * 0.6f);
        } else {
          layout.newPage();
        }
      }
      layout.finish(footer);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("the PDF could not be written", e);
    }
  }

  /** The cursor: the current page, its content stream and how far down it has written. */
  private static final class Layout {
    private final PDDocument document;
    private final PdfFaces faces;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream stream;
    private float y;

    Layout(PDDocument document, PdfFaces faces) throws IOException {
      this.document = document;
      this.faces = faces;
      newPage();
    }

    void newPage() throws IOException {
      if (stream != null) {
        stream.close();
      }
      PDPage page = new PDPage(PAGE);
      document.addPage(page);
      pages.add(page);
      stream = new PDPageContentStream(document, page);
      y = PAGE.getHeight() - MARGIN;
    }

    void title(String text) throws IOException {
      paragraphLines(text, TITLE, true, 0);
      gap(TITLE * 0.5f);
    }

    void heading(String text) throws IOException {
      ensure(HEADING * 3); // never a heading alone at the foot of a page
      gap(HEADING * 0.3f);
      paragraphLines(text, HEADING, true, 0);
      gap(HEADING * 0.3f);
    }

    void paragraph(String text) throws IOException {
      paragraphLines(text, BODY, false, 0);
      gap(BODY * 0.6f);
    }

    void gap(float points) {
      y -= points;
    }

    void paragraphLines(String text, float size, boolean strong, float indent) throws IOException {
      for (String line : wrap(text, size, strong, WIDTH - indent)) {
        ensure(size * 1.35f);
        y -= size * 1.35f;
        show(line, MARGIN + indent, y, size, strong);
      }
    }

    void table(DocumentContent.Table table) throws IOException {
      if (table.rows().isEmpty()) {
        paragraph(table.empty());
        return;
      }
      float[] widths = new float[table.headers().size()];
      float total = 0;
      for (int i = 0; i < widths.length; i++) {
        total += table.widths().get(i);
      }
      for (int i = 0; i < widths.length; i++) {
        widths[i] = WIDTH * table.widths().get(i) / total;
      }
      row(table.headers(), widths, true);
      for (List<String> cells : table.rows()) {
        if (!fits(cells, widths)) {
          newPage();
          row(table.headers(), widths, true);
        }
        row(cells, widths, false);
      }
      gap(BODY * 0.8f);
    }

    private boolean fits(List<String> cells, float[] widths) {
      return y - rowHeight(cells, widths, false) >= BOTTOM;
    }

    private float rowHeight(List<String> cells, float[] widths, boolean strong) {
      int lines = 1;
      for (int i = 0; i < cells.size(); i++) {
        lines = Math.max(lines, wrap(cells.get(i), CELL, strong, widths[i] - 6).size());
      }
      return lines * CELL * 1.3f + 6;
    }

    private void row(List<String> cells, float[] widths, boolean strong) throws IOException {
      float height = rowHeight(cells, widths, strong);
      if (height > y - BOTTOM) {
        newPage();
      }
      float x = MARGIN;
      for (int i = 0; i < cells.size(); i++) {
        float lineY = y - 3;
        for (String line : wrap(cells.get(i), CELL, strong, widths[i] - 6)) {
          lineY -= CELL * 1.3f;
          show(line, x + 3, lineY + 2, CELL, strong);
        }
        x += widths[i];
      }
      y -= height;
      stream.setLineWidth(0.4f);
      stream.setStrokingColor(0.6f);
      stream.moveTo(MARGIN, y);
      stream.lineTo(MARGIN + WIDTH, y);
      stream.stroke();
    }

    private void ensure(float height) throws IOException {
      if (y - height < BOTTOM) {
        newPage();
      }
    }

    private void show(String text, float x, float baseline, float size, boolean strong)
        throws IOException {
      if (text.isEmpty()) {
        return;
      }
      stream.beginText();
      stream.newLineAtOffset(x, baseline);
      for (PdfFaces.Run run : faces.runs(text, strong)) {
        stream.setFont(run.font(), size);
        stream.showText(run.text());
      }
      stream.endText();
    }

    /** Greedy word wrap; a word wider than the line (or a run of CJK text) breaks anywhere. */
    private List<String> wrap(String text, float size, boolean strong, float width) {
      List<String> lines = new ArrayList<>();
      for (String paragraph : text.split("\n", -1)) {
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split("(?<= )")) {
          String candidate = line + word;
          if (faces.width(candidate.stripTrailing(), strong, size) <= width) {
            line.append(word);
            continue;
          }
          if (line.length() > 0) {
            lines.add(line.toString().stripTrailing());
            line.setLength(0);
          }
          for (int i = 0; i < word.length(); ) {
            int codePoint = word.codePointAt(i);
            String glyph = new String(Character.toChars(codePoint));
            if (line.length() > 0 && faces.width(line + glyph, strong, size) > width) {
              lines.add(line.toString());
              line.setLength(0);
            }
            line.append(glyph);
            i += Character.charCount(codePoint);
          }
        }
        lines.add(line.toString().stripTrailing());
      }
      return lines;
    }

    /** Closes the last page and writes every page's footer, now that the page count is known. */
    void finish(Footer footer) throws IOException {
      stream.close();
      for (int i = 0; i < pages.size(); i++) {
        try (PDPageContentStream foot =
            new PDPageContentStream(
                document, pages.get(i), PDPageContentStream.AppendMode.APPEND, true)) {
          stream = foot;
          String pageLabel = footer.text().t("doc.footer.page", i + 1, pages.size());
          show(footer.text().t("doc.footer.document", footer.docId()), MARGIN, 52, FOOTER, false);
          float labelWidth = faces.width(pageLabel, false, FOOTER);
          show(pageLabel, MARGIN + WIDTH - labelWidth, 52, FOOTER, false);
          show(footer.text().t("doc.footer.sha", footer.textSha256()), MARGIN, 42, FOOTER, false);
        }
      }
    }
  }
}

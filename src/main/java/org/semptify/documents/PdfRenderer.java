package org.semptify.documents;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.util.Matrix;
import org.semptify.i18n.Translator;

/**
 * Lays a {@link DocumentContent} out on US Letter pages with real, extractable text: a court
 * caption, wrapped paragraphs (a word is never broken unless it is wider than the line), tables
 * whose header repeats on each page and whose columns are never narrower than their words, tick
 * boxes, signature blocks kept on one page with the lines above them, and exhibits — a cover sheet,
 * then the picture scaled to fit a page or the PDF's own pages. Every page carries a footer with
 * the page number, the document id and the SHA-256 of the document's text twin (an exhibit's own
 * pages a small stamp), so a printed copy can be matched to its certificate.
 *
 * <p>Written as a stream: exhibits' JPEG photos are read from the vault while the PDF is written,
 * never held whole in memory; PDFs and other pictures within {@link CourtParts#IN_MEMORY_BUDGET}.
 */
public final class PdfRenderer {
  private static final PDRectangle PAGE = PDRectangle.LETTER;
  private static final float MARGIN = 72;
  private static final float BOTTOM = 80; // the footer lives below this line
  private static final float WIDTH = PAGE.getWidth() - 2 * MARGIN;
  private static final float BODY = 11;
  private static final float HEADING = 13.5f;
  private static final float TITLE = 18;
  private static final float EXHIBIT = 24;
  private static final float CELL = 9;
  private static final float FOOTER = 7.5f;
  private static final int MAX_PIXELS_SIDE = 2400; // decoded pictures: ~280 dpi on a page

  /** A paragraph of at most this many lines moves whole with the signature after it. */
  private static final int KEEP_WHOLE = 8;

  /** Of a longer paragraph, this many last lines move with the signature. */
  private static final int KEEP_TAIL = 3;

  private final PdfFonts fonts;
  private final Clock clock;

  public PdfRenderer(PdfFonts fonts, Clock clock) {
    this.fonts = fonts;
    this.clock = clock;
  }

  /** The footer every page carries. */
  public record Footer(String docId, String textSha256, Translator text) {}

  /** The PDF in memory, for documents without exhibit files (their cover sheets say so). */
  public byte[] render(DocumentContent content, Footer footer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(content, footer, ExhibitSource.NONE, out);
    } catch (IOException e) {
      throw new UncheckedIOException("the PDF could not be written", e);
    }
    return out.toByteArray();
  }

  /** Writes the PDF to {@code out}, reading exhibits' files from {@code exhibits} as it goes. */
  public void write(
      DocumentContent content, Footer footer, ExhibitSource exhibits, OutputStream out)
      throws IOException {
    List<PDDocument> appended = new ArrayList<>();
    try (PDDocument document = new PDDocument()) {
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle(content.title());
      info.setCreator("Semptify");
      Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
      created.setTimeInMillis(clock.millis());
      info.setCreationDate(created);
      Layout layout = new Layout(document, new PdfFaces(document, fonts), exhibits, appended);
      List<DocumentContent.Block> blocks = content.blocks();
      int start = 0;
      if (!blocks.isEmpty() && blocks.get(0) instanceof DocumentContent.Caption caption) {
        layout.caption(caption);
        layout.title(content.title(), true);
        start = 1;
      } else {
        layout.title(content.title(), false);
      }
      for (int i = start; i < blocks.size(); i++) {
        DocumentContent.Block block = blocks.get(i);
        if (block instanceof DocumentContent.Heading heading) {
          layout.ensure(layout.keepHeight(blocks, i));
          layout.heading(heading.text());
        } else if (block instanceof DocumentContent.Paragraph paragraph) {
          DocumentContent.Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
          float reserve =
              next instanceof DocumentContent.SignatureBlock sign
                  ? layout.signatureHeight(sign)
                  : 0;
          layout.paragraph(paragraph.text(), reserve);
        } else if (block instanceof DocumentContent.Table table) {
          layout.table(table);
        } else if (block instanceof DocumentContent.Checklist checklist) {
          for (DocumentContent.Checklist.Item item : checklist.items()) {
            layout.tickBox(item);
          }
          layout.gap(BODY * 0.6f);
        } else if (block instanceof DocumentContent.Caption caption) {
          layout.caption(caption);
        } else if (block instanceof DocumentContent.SignatureBlock sign) {
          layout.signature(sign);
        } else if (block instanceof DocumentContent.Exhibit exhibit) {
          layout.exhibit(exhibit, footer.text());
        } else {
          layout.newPage();
        }
      }
      layout.finish(footer);
      document.save(out);
    } finally {
      for (PDDocument source : appended) {
        source.close();
      }
    }
  }

  /** One page of the output: one this layout wrote, or one of an exhibit's own pages. */
  private record Sheet(PDPage page, String exhibitLabel) {}

  /** The cursor: the current page, its content stream and how far down it has written. */
  private static final class Layout {
    private final PDDocument document;
    private final PdfFaces faces;
    private final ExhibitSource source;
    private final List<PDDocument> appended;
    private final List<Sheet> sheets = new ArrayList<>();
    private PDPageContentStream stream;
    private float y;

    Layout(PDDocument document, PdfFaces faces, ExhibitSource source, List<PDDocument> appended)
        throws IOException {
      this.document = document;
      this.faces = faces;
      this.source = source;
      this.appended = appended;
      this.y = PAGE.getHeight() - MARGIN;
    }

    /** Ends the current page; the next one is added when something is written on it. */
    void newPage() throws IOException {
      closeStream();
      y = PAGE.getHeight() - MARGIN;
    }

    private void closeStream() throws IOException {
      if (stream != null) {
        stream.close();
        stream = null;
      }
    }

    /** True when nothing has been written on the current page yet. */
    private boolean atTop() {
      return y >= PAGE.getHeight() - MARGIN;
    }

    void title(String text, boolean centred) throws IOException {
      if (centred) {
        for (String line : wrap(text, TITLE, true, WIDTH)) {
          y -= TITLE * 1.35f;
          show(line, MARGIN + (WIDTH - faces.width(line, true, TITLE)) / 2, y, TITLE, true);
        }
      } else {
        paragraphLines(text, TITLE, true, 0, 0);
      }
      gap(TITLE * 0.9f); // well apart: text tools must not read the title as part of the next line
    }

    void heading(String text) throws IOException {
      gap(HEADING * 0.3f);
      paragraphLines(text, HEADING, true, 0, 0);
      gap(HEADING * 0.3f);
    }

    /** A paragraph; {@code reserve} is the height of a signature block that must follow it. */
    void paragraph(String text, float reserve) throws IOException {
      paragraphLines(text, BODY, false, 0, reserve);
      gap(BODY * 0.6f);
    }

    void gap(float points) {
      y -= points;
    }

    /**
     * Wrapped lines; with a {@code reserve}, the paragraph's last lines (all of a short one) go to
     * the next page together with what follows when they would not fit with it here.
     */
    void paragraphLines(String text, float size, boolean strong, float indent, float reserve)
        throws IOException {
      List<String> lines = wrap(text, size, strong, WIDTH - indent);
      float lineHeight = size * 1.35f;
      int keepFrom = reserve <= 0 ? -1 : lines.size() <= KEEP_WHOLE ? 0 : lines.size() - KEEP_TAIL;
      for (int i = 0; i < lines.size(); i++) {
        if (i == keepFrom) {
          ensure((lines.size() - i) * lineHeight + BODY * 0.6f + reserve);
        }
        ensure(lineHeight);
        y -= lineHeight;
        show(lines.get(i), MARGIN + indent, y, size, strong);
      }
    }

    /** A tick box, its label's lines hanging beside it (never under the box). */
    void tickBox(DocumentContent.Checklist.Item item) throws IOException {
      String mark = item.mark() + "  ";
      float indent = faces.width(mark, false, BODY);
      List<String> lines = wrap(item.label(), BODY, false, WIDTH - indent);
      float lineHeight = BODY * 1.35f;
      ensure(Math.min(lines.size(), 3) * lineHeight);
      for (int i = 0; i < lines.size(); i++) {
        ensure(lineHeight);
        y -= lineHeight;
        if (i == 0) {
          show(mark + lines.get(0), MARGIN, y, BODY, false);
        } else {
          show(lines.get(i), MARGIN + indent, y, BODY, false);
        }
      }
    }

    /** The height that must stay together from block {@code i}: a heading and what it heads. */
    float keepHeight(List<DocumentContent.Block> blocks, int i) {
      float height = HEADING * 1.35f + HEADING * 0.6f;
      DocumentContent.Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
      DocumentContent.Block after = i + 2 < blocks.size() ? blocks.get(i + 2) : null;
      if (next instanceof DocumentContent.Paragraph paragraph) {
        int lines = wrap(paragraph.text(), BODY, false, WIDTH).size();
        if (after instanceof DocumentContent.SignatureBlock sign && lines <= KEEP_WHOLE) {
          return height + lines * BODY * 1.35f + BODY * 0.6f + signatureHeight(sign);
        }
        return height + Math.min(lines, 2) * BODY * 1.35f;
      }
      if (next instanceof DocumentContent.SignatureBlock sign) {
        return height + signatureHeight(sign);
      }
      return height + 3 * CELL * 1.3f + 12; // a table's header and first row, or a tick box
    }

    float signatureHeight(DocumentContent.SignatureBlock sign) {
      int lines = wrap(sign.lead(), BODY, false, WIDTH).size();
      lines += 1 + sign.details().size();
      lines += wrap(sign.statement(), CELL, false, WIDTH).size();
      return lines * BODY * 1.35f + BODY * 3.2f;
    }

    void signature(DocumentContent.SignatureBlock sign) throws IOException {
      ensure(signatureHeight(sign));
      paragraphLines(sign.lead(), BODY, false, 0, 0);
      gap(BODY * 1.4f);
      paragraphLines(sign.signature(), BODY, true, 0, 0);
      y -= 3;
      stream.setLineWidth(0.6f);
      stream.setStrokingColor(0f);
      stream.moveTo(MARGIN, y);
      stream.lineTo(MARGIN + WIDTH * 0.5f, y);
      stream.stroke();
      for (String detail : sign.details()) {
        paragraphLines(detail, BODY, false, 0, 0);
      }
      gap(BODY * 0.4f);
      paragraphLines(sign.statement(), CELL, false, 0, 0);
      gap(BODY * 0.6f);
    }

    /** The court centred on top; the parties, a column of ")", the case number and title. */
    void caption(DocumentContent.Caption caption) throws IOException {
      for (String line : caption.court()) {
        for (String part : wrap(line, BODY, true, WIDTH)) {
          y -= BODY * 1.35f;
          show(part, MARGIN + (WIDTH - faces.width(part, true, BODY)) / 2, y, BODY, true);
        }
      }
      if (!caption.court().isEmpty()) {
        gap(BODY * 1.2f);
      }
      float leftWidth = WIDTH * 0.52f;
      float bracket = MARGIN + leftWidth + 6;
      float rightX = bracket + 18;
      float rightWidth = MARGIN + WIDTH - rightX;
      List<String> left = new ArrayList<>();
      for (String line : caption.parties()) {
        left.addAll(wrap(line, BODY, false, leftWidth));
      }
      List<String> right = new ArrayList<>();
      right.add("");
      int titleFrom = Integer.MAX_VALUE; // the document's title, last, is set in bold
      List<String> info = caption.caseInfo();
      for (int i = 0; i < info.size(); i++) {
        boolean title = i == info.size() - 1;
        if (title) {
          titleFrom = right.size();
        }
        right.addAll(wrap(info.get(i), BODY, title, rightWidth));
      }
      int rows = Math.max(Math.max(left.size(), right.size()), 3);
      float lineHeight = BODY * 1.35f;
      ensure(rows * lineHeight + lineHeight);
      for (int row = 0; row < rows; row++) {
        y -= lineHeight;
        if (row < left.size()) {
          show(left.get(row), MARGIN, y, BODY, false);
        }
        show(")", bracket, y, BODY, false);
        if (row < right.size()) {
          show(right.get(row), rightX, y, BODY, row >= titleFrom);
        }
      }
      y -= 4;
      stream.setLineWidth(0.6f);
      stream.setStrokingColor(0f);
      stream.moveTo(MARGIN, y);
      stream.lineTo(bracket + 4, y);
      stream.stroke();
      gap(BODY * 1.6f);
    }

    /** A cover sheet, then the file: a picture on its own page, or the pages of a PDF. */
    void exhibit(DocumentContent.Exhibit exhibit, Translator text) throws IOException {
      if (!atTop()) {
        newPage();
      }
      gap(PAGE.getHeight() * 0.12f);
      for (String line : wrap(exhibit.heading(), EXHIBIT, true, WIDTH)) {
        y -= EXHIBIT * 1.35f;
        show(line, MARGIN + (WIDTH - faces.width(line, true, EXHIBIT)) / 2, y, EXHIBIT, true);
      }
      gap(EXHIBIT);
      List<String> cover = new ArrayList<>(exhibit.cover());
      boolean shown = false;
      // Read the file before writing the cover, so that the cover can say if it failed.
      PlacedImage image = null;
      PDDocument pdf = null;
      if (exhibit.placement() == DocumentContent.Exhibit.Placement.IMAGE) {
        image = image(exhibit);
        shown = image != null;
      } else if (exhibit.placement() == DocumentContent.Exhibit.Placement.PDF) {
        pdf = pdf(exhibit);
        shown = pdf != null;
      }
      if (!shown && exhibit.placement() != DocumentContent.Exhibit.Placement.SEPARATE) {
        cover.remove(cover.size() - 1);
        cover.add(exhibit.notShown());
      }
      for (String line : cover) {
        if (line.isEmpty()) {
          gap(BODY * 0.8f);
          continue;
        }
        paragraphLines(line, BODY, false, 0, 0);
      }
      if (image != null) {
        newPage();
        String label = exhibit.heading();
        y -= CELL * 1.35f;
        show(label, MARGIN, y, CELL, true);
        gap(8);
        image.draw(stream, MARGIN, BOTTOM, WIDTH, y - BOTTOM);
        y = BOTTOM;
      }
      if (pdf != null) {
        closeStream();
        int count = pdf.getNumberOfPages();
        int number = 0;
        for (PDPage page : pdf.getPages()) {
          number++;
          PDPage imported = document.importPage(page);
          if (page.getResources() != null) {
            imported.setResources(page.getResources());
          }
          sheets.add(
              new Sheet(imported, text.t("doc.exhibit.stamp", exhibit.heading(), number, count)));
        }
        y = PAGE.getHeight() - MARGIN; // what follows starts on a page of its own
      }
    }

    private PlacedImage image(DocumentContent.Exhibit exhibit) {
      try {
        if (exhibit.contentType().equals("image/jpeg")) {
          JpegHeader header;
          try (InputStream in = source.open(exhibit.docId())) {
            header = JpegHeader.read(in);
          }
          if (header != null && (header.components() == 1 || header.components() == 3)) {
            StreamedFile file =
                new StreamedFile(source, exhibit.docId(), exhibit.size(), exhibit.sha256());
            PDImageXObject xobject = new PDImageXObject(new PDStream(file), null);
            file.setItem(COSName.FILTER, COSName.DCT_DECODE);
            xobject.setWidth(header.width());
            xobject.setHeight(header.height());
            xobject.setBitsPerComponent(8);
            xobject.setColorSpace(
                header.components() == 1 ? PDDeviceGray.INSTANCE : PDDeviceRGB.INSTANCE);
            return new PlacedImage(xobject, header.orientation());
          }
        }
        BufferedImage decoded = decode(exhibit);
        return decoded == null
            ? null
            : new PlacedImage(LosslessFactory.createFromImage(document, decoded), 1);
      } catch (IOException | RuntimeException e) {
        return null; // the cover sheet says it could not be shown
      }
    }

    /** A picture decoded (scaled down to at most {@link #MAX_PIXELS_SIDE} on its long side). */
    private BufferedImage decode(DocumentContent.Exhibit exhibit) throws IOException {
      byte[] bytes;
      try (InputStream in = source.open(exhibit.docId())) {
        bytes = in.readNBytes((int) Math.min(exhibit.size() + 1, CourtParts.IN_MEMORY_BUDGET + 1));
      }
      if (!matches(bytes, exhibit)) {
        return null;
      }
      try (ImageInputStream in =
          new MemoryCacheImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
          return null;
        }
        ImageReader reader = readers.next();
        try {
          reader.setInput(in, true, true);
          int side = Math.max(reader.getWidth(0), reader.getHeight(0));
          int step = Math.max(1, (side + MAX_PIXELS_SIDE - 1) / MAX_PIXELS_SIDE);
          ImageReadParam param = reader.getDefaultReadParam();
          param.setSourceSubsampling(step, step, 0, 0);
          return reader.read(0, param);
        } finally {
          reader.dispose();
        }
      }
    }

    private PDDocument pdf(DocumentContent.Exhibit exhibit) {
      try {
        byte[] bytes;
        try (InputStream in = source.open(exhibit.docId())) {
          bytes =
              in.readNBytes((int) Math.min(exhibit.size() + 1, CourtParts.IN_MEMORY_BUDGET + 1));
        }
        if (!matches(bytes, exhibit)) {
          return null;
        }
        PDDocument pdf = Loader.loadPDF(bytes);
        appended.add(pdf); // its pages are written with this document, then it is closed
        return pdf.getNumberOfPages() > 0 ? pdf : null;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    private static boolean matches(byte[] bytes, DocumentContent.Exhibit exhibit) {
      try {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        return bytes.length == exhibit.size()
            && MessageDigest.isEqual(
                sha.getBytes(StandardCharsets.US_ASCII),
                exhibit.sha256().getBytes(StandardCharsets.US_ASCII));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    void table(DocumentContent.Table table) throws IOException {
      if (table.rows().isEmpty()) {
        paragraph(table.empty(), 0);
        return;
      }
      float[] widths = columnWidths(table);
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

    /**
     * Each column's share of the width, but never narrower than the widest word of its header or of
     * its cells (a word of up to 24 letters; longer runs, such as a SHA-256, may break).
     */
    private float[] columnWidths(DocumentContent.Table table) {
      int count = table.headers().size();
      float total = 0;
      for (int i = 0; i < count; i++) {
        total += table.widths().get(i);
      }
      float[] widths = new float[count];
      float[] least = new float[count];
      for (int i = 0; i < count; i++) {
        widths[i] = WIDTH * table.widths().get(i) / total;
        least[i] = widestWord(table.headers().get(i), true);
        for (List<String> row : table.rows()) {
          least[i] = Math.max(least[i], widestWord(row.get(i), false));
        }
        least[i] += 6;
      }
      float missing = 0;
      float spare = 0;
      for (int i = 0; i < count; i++) {
        missing += Math.max(0, least[i] - widths[i]);
        spare += Math.max(0, widths[i] - least[i]);
      }
      if (missing <= 0 || spare <= 0) {
        return widths;
      }
      float take = Math.min(1, missing / spare);
      for (int i = 0; i < count; i++) {
        widths[i] =
            widths[i] < least[i]
                ? widths[i] + (least[i] - widths[i]) * Math.min(1, spare / missing)
                : widths[i] - (widths[i] - least[i]) * take;
      }
      return widths;
    }

    private float widestWord(String text, boolean strong) {
      float widest = 0;
      for (String word : text.split("\\s+")) {
        if (word.codePointCount(0, word.length()) <= 24) {
          widest = Math.max(widest, faces.width(word, strong, CELL));
        }
      }
      return widest;
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
      ready();
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

    void ensure(float height) throws IOException {
      if (y - height < BOTTOM && !atTop()) {
        newPage();
      }
    }

    /** Adds the page being written on, when the first thing is written on it. */
    private void ready() throws IOException {
      if (stream == null) {
        PDPage page = new PDPage(PAGE);
        document.addPage(page);
        sheets.add(new Sheet(page, null));
        stream = new PDPageContentStream(document, page); // y was set by newPage()
      }
    }

    private void show(String text, float x, float baseline, float size, boolean strong)
        throws IOException {
      if (text.isEmpty()) {
        return;
      }
      ready();
      stream.beginText();
      stream.newLineAtOffset(x, baseline);
      for (PdfFaces.Run run : faces.runs(text, strong)) {
        stream.setFont(run.font(), size);
        stream.showText(run.text());
      }
      stream.endText();
    }

    /** Greedy word wrap; only a word wider than the line (or a run of CJK text) breaks inside. */
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
          if (faces.width(word.stripTrailing(), strong, size) <= width) {
            line.append(word);
            continue;
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
      closeStream();
      int total = sheets.size();
      for (int i = 0; i < total; i++) {
        Sheet sheet = sheets.get(i);
        try (PDPageContentStream foot =
            new PDPageContentStream(
                document, sheet.page(), PDPageContentStream.AppendMode.APPEND, true, true)) {
          stream = foot;
          String pageLabel = footer.text().t("doc.footer.page", i + 1, total);
          if (sheet.exhibitLabel() == null) {
            show(footer.text().t("doc.footer.document", footer.docId()), MARGIN, 52, FOOTER, false);
            float labelWidth = faces.width(pageLabel, false, FOOTER);
            show(pageLabel, MARGIN + WIDTH - labelWidth, 52, FOOTER, false);
            show(footer.text().t("doc.footer.sha", footer.textSha256()), MARGIN, 42, FOOTER, false);
          } else {
            stamp(sheet, footer, pageLabel);
          }
        }
      }
      stream = null;
    }

    /** An exhibit's own page: a small stamp on a white band at its foot, whatever its size. */
    private void stamp(Sheet sheet, Footer footer, String pageLabel) throws IOException {
      PDRectangle box = sheet.page().getCropBox();
      String text =
          sheet.exhibitLabel()
              + " · "
              + footer.text().t("doc.footer.document", footer.docId())
              + " · "
              + pageLabel;
      float width = faces.width(text, false, FOOTER);
      float x = box.getLowerLeftX() + Math.max(6, (box.getWidth() - width) / 2);
      float base = box.getLowerLeftY() + 8;
      stream.setNonStrokingColor(1f);
      stream.addRect(x - 4, base - 3, width + 8, FOOTER + 6);
      stream.fill();
      stream.setNonStrokingColor(0f);
      show(text, x, base, FOOTER, false);
    }
  }

  /** A picture and the turn its camera recorded (EXIF orientation), drawn to fit a box. */
  private record PlacedImage(PDImageXObject image, int orientation) {
    void draw(PDPageContentStream stream, float x, float y, float width, float height)
        throws IOException {
      boolean quarter = orientation >= 5;
      float w = quarter ? image.getHeight() : image.getWidth();
      float h = quarter ? image.getWidth() : image.getHeight();
      float scale = Math.min(width / w, height / h);
      float shownW = w * scale;
      float shownH = h * scale;
      float left = x + (width - shownW) / 2;
      float bottom = y + height - shownH; // at the top of the box
      Matrix matrix =
          switch (orientation) {
            case 3, 4 -> new Matrix(-shownW, 0, 0, -shownH, left + shownW, bottom + shownH);
            case 5, 6 -> new Matrix(0, -shownH, shownW, 0, left, bottom + shownH);
            case 7, 8 -> new Matrix(0, shownH, -shownW, 0, left + shownW, bottom);
            default -> new Matrix(shownW, 0, 0, shownH, left, bottom);
          };
      stream.drawImage(image, matrix);
    }
  }
}

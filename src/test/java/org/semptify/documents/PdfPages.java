package org.semptify.documents;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/** A PDF read page by page: each page's text and how many pictures it draws. */
final class PdfPages {
  /** One page. */
  record Page(String text, int images) {}

  private PdfPages() {}

  static List<Page> of(byte[] pdf) throws IOException {
    List<Page> pages = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper();
      for (int i = 1; i <= document.getNumberOfPages(); i++) {
        stripper.setStartPage(i);
        stripper.setEndPage(i);
        pages.add(new Page(stripper.getText(document), images(document.getPage(i - 1))));
      }
    }
    return pages;
  }

  private static int images(PDPage page) throws IOException {
    PDResources resources = page.getResources();
    int count = 0;
    if (resources == null) {
      return 0;
    }
    for (COSName name : resources.getXObjectNames()) {
      if (resources.isImageXObject(name)) {
        count++;
      }
    }
    return count;
  }

  /** Each page as a PNG at {@code dpi}: {@code <stem>-p01.png}, … under {@code folder}. */
  static List<Path> png(byte[] pdf, Path folder, String stem, int dpi) throws IOException {
    Files.createDirectories(folder);
    List<Path> files = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFRenderer renderer = new PDFRenderer(document);
      for (int i = 0; i < document.getNumberOfPages(); i++) {
        BufferedImage image = renderer.renderImageWithDPI(i, dpi);
        Path file = folder.resolve(String.format("%s-p%02d.png", stem, i + 1));
        ImageIO.write(image, "png", file.toFile());
        files.add(file);
      }
    }
    return files;
  }
}

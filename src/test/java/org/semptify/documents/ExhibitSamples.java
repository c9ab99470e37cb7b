package org.semptify.documents;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Files a tenant puts in the vault: a photo, a scanned letter (PDF), a voice recording. */
final class ExhibitSamples {
  private ExhibitSamples() {}

  /** A landscape photo of a stained ceiling, as a camera's JPEG. */
  static byte[] photo(String caption, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(236, 232, 222));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(150, 120, 70));
    g.fillOval(width / 3, height / 4, width / 3, height / 2);
    g.setColor(new Color(110, 80, 40));
    g.setStroke(new BasicStroke(Math.max(2, width / 200f)));
    g.drawOval(width / 3, height / 4, width / 3, height / 2);
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, height / 14)));
    g.drawString(caption, width / 20, height - height / 12);
    g.dispose();
    return jpeg(image, 0.9f);
  }

  /** A JPEG of about {@code bytes} bytes: a photo-sized picture of noise (incompressible). */
  static byte[] noisyPhoto(int bytes, long seed) {
    int side = (int) Math.sqrt(bytes / 0.98);
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(seed);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    return jpeg(image, 0.92f);
  }

  static byte[] jpeg(BufferedImage image, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** A PDF of {@code pages} pages, each saying "{name} page N of M". */
  static byte[] pdf(String name, int pages) {
    try (PDDocument document = new PDDocument()) {
      for (int i = 1; i <= pages; i++) {
        PDPage page = new PDPage(PDRectangle.LETTER);
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.beginText();
          content.setFont(new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), 20);
          content.newLineAtOffset(72, 680);
          content.showText(name + " page " + i + " of " + pages);
          content.endText();
          content.beginText();
          content.setFont(new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), 12);
          content.newLineAtOffset(72, 640);
          content.showText("The tenant shall pay rent on the first day of each month.");
          content.endText();
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The start of an MP3 file: the vault calls it audio/mpeg. */
  static byte[] recording() {
    byte[] bytes = new byte[4096];
    bytes[0] = 'I';
    bytes[1] = 'D';
    bytes[2] = '3';
    bytes[3] = 4;
    return bytes;
  }
}

// Draws the app icons in src/main/resources/static/icons (issue 18):
//   java -Djava.awt.headless=true tools/icons/Gen.java src/main/resources/static/icons
import java.awt.*;
import java.awt.geom.*;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

public class Gen {
  public static void main(String[] a) throws Exception {
    String out = a[0];
    for (int size : new int[] {192, 512}) {
      write(size, false, out + "/icon-" + size + ".png");
    }
    write(512, true, out + "/icon-maskable-512.png");
    write(180, false, out + "/apple-touch-icon.png");
  }

  static void write(int s, boolean maskable, String path) throws Exception {
    BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    Color blue = new Color(0x0b, 0x5c, 0xad);
    g.setColor(blue);
    if (maskable) {
      g.fillRect(0, 0, s, s);
    } else {
      g.fill(new RoundRectangle2D.Double(0, 0, s, s, s * 0.22, s * 0.22));
    }
    // Content inside the maskable safe zone (the central 80% circle): a document with a folded
    // corner and a check mark: "your papers, kept safe".
    double scale = maskable ? 0.52 : 0.62;
    double w = s * scale * 0.78, h = s * scale;
    double x = (s - w) / 2, y = (s - h) / 2;
    double fold = w * 0.3;
    Path2D doc = new Path2D.Double();
    doc.moveTo(x, y + s * 0.02);
    doc.lineTo(x + w - fold, y);
    doc.lineTo(x + w, y + fold);
    doc.lineTo(x + w, y + h);
    doc.lineTo(x, y + h);
    doc.closePath();
    Path2D sheet = new Path2D.Double();
    sheet.moveTo(x, y);
    sheet.lineTo(x + w - fold, y);
    sheet.lineTo(x + w, y + fold);
    sheet.lineTo(x + w, y + h);
    sheet.lineTo(x, y + h);
    sheet.closePath();
    g.setColor(Color.WHITE);
    g.fill(sheet);
    Path2D corner = new Path2D.Double();
    corner.moveTo(x + w - fold, y);
    corner.lineTo(x + w - fold, y + fold);
    corner.lineTo(x + w, y + fold);
    corner.closePath();
    g.setColor(new Color(0xb9, 0xd3, 0xee));
    g.fill(corner);
    g.setColor(blue);
    g.setStroke(new BasicStroke((float) (s * 0.05), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    Path2D check = new Path2D.Double();
    check.moveTo(x + w * 0.22, y + h * 0.58);
    check.lineTo(x + w * 0.44, y + h * 0.78);
    check.lineTo(x + w * 0.80, y + h * 0.36);
    g.draw(check);
    g.dispose();
    ImageIO.write(img, "png", new File(path));
  }
}

package org.semptify.documents;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.semptify.i18n.Language;
import org.semptify.i18n.Messages;
import org.semptify.i18n.Translator;

/**
 * Run in a JVM of its own with a small heap: builds a filing packet of {@code count} copies of one
 * photo and writes it as the server does (streamed into a consumer through {@link PdfStream}), or,
 * with "memory", into a byte array as before streaming. Prints the bytes written and the heap's
 * peak.
 */
public final class PacketMemoryProbe {
  private PacketMemoryProbe() {}

  public static void main(String[] args) throws Exception {
    byte[] photo = Files.readAllBytes(Path.of(args[0]));
    int count = Integer.parseInt(args[1]);
    boolean inMemory = args.length > 2 && args[2].equals("memory");
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));
    Translator t = new Translator(Language.EN, Messages.load());
    List<DocumentContent.Block> blocks = new ArrayList<>();
    blocks.add(new DocumentContent.Paragraph("A packet of " + count + " photos."));
    for (int i = 0; i < count; i++) {
      blocks.add(
          new DocumentContent.Exhibit(
              "Exhibit " + FilingPacket.exhibitLetter(i),
              List.of("File: photo-" + i + ".jpg", "SHA-256: " + sha),
              DocumentContent.Exhibit.Placement.IMAGE,
              String.format("d_%022d", i),
              photo.length,
              sha,
              "image/jpeg",
              "not shown"));
    }
    DocumentContent content = new DocumentContent("Filing Packet", blocks);
    PdfRenderer renderer = new PdfRenderer(PdfFonts.discover(), Clock.systemUTC());
    PdfRenderer.Footer footer = new PdfRenderer.Footer("d_0000000000000000000000", sha, t);
    ExhibitSource source = docId -> new ByteArrayInputStream(photo);
    long written;
    if (inMemory) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      renderer.write(content, footer, source, out);
      written = out.toByteArray().length;
    } else {
      written =
          PdfStream.into(
              out -> renderer.write(content, footer, source, out),
              (InputStream in) -> {
                byte[] buffer = new byte[64 * 1024];
                long n = 0;
                for (int r = in.read(buffer); r >= 0; r = in.read(buffer)) {
                  n += r;
                }
                return n;
              });
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.println("written=" + written + " photo=" + photo.length + " peakHeap=" + peak);
  }
}

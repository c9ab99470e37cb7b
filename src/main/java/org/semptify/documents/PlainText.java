package org.semptify.documents;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The plain-text twin of a generated document: what a screen reader, a search or a clerk's system
 * reads, and what the PDF footer's SHA-256 is computed over. UTF-8, LF line ends.
 */
public final class PlainText {
  private PlainText() {}

  public static byte[] render(DocumentContent content) {
    StringBuilder out = new StringBuilder();
    List<DocumentContent.Block> blocks = content.blocks();
    int start = 0;
    if (!blocks.isEmpty() && blocks.get(0) instanceof DocumentContent.Caption caption) {
      caption(out, caption);
      start = 1;
    }
    out.append(content.title()).append('\n');
    out.append("=".repeat(Math.max(3, content.title().length()))).append("\n\n");
    for (DocumentContent.Block block : blocks.subList(start, blocks.size())) {
      if (block instanceof DocumentContent.Caption caption) {
        caption(out, caption);
      } else if (block instanceof DocumentContent.SignatureBlock sign) {
        out.append(sign.lead()).append("\n\n");
        out.append(sign.signature()).append('\n');
        sign.details().forEach(line -> out.append(line).append('\n'));
        out.append(sign.statement()).append("\n\n");
      } else if (block instanceof DocumentContent.Exhibit exhibit) {
        out.append(exhibit.heading()).append('\n');
        out.append("-".repeat(Math.max(3, exhibit.heading().length()))).append('\n');
        exhibit.cover().forEach(line -> out.append(line).append('\n'));
        out.append('\n');
      } else if (block instanceof DocumentContent.Heading heading) {
        out.append(heading.text()).append('\n');
        out.append("-".repeat(Math.max(3, heading.text().length()))).append("\n\n");
      } else if (block instanceof DocumentContent.Paragraph paragraph) {
        out.append(paragraph.text()).append("\n\n");
      } else if (block instanceof DocumentContent.Table table) {
        table(out, table);
      } else if (block instanceof DocumentContent.Checklist checklist) {
        for (DocumentContent.Checklist.Item item : checklist.items()) {
          out.append(item.mark()).append(' ').append(item.label()).append('\n');
        }
        out.append('\n');
      } else {
        out.append('\n'); // a page break
      }
    }
    return (out.toString().stripTrailing() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static void caption(StringBuilder out, DocumentContent.Caption caption) {
    caption.court().forEach(line -> out.append(line).append('\n'));
    out.append('\n');
    caption.parties().forEach(line -> out.append(line).append('\n'));
    out.append('\n');
    caption.caseInfo().forEach(line -> out.append(line).append('\n'));
    out.append('\n');
  }

  private static void table(StringBuilder out, DocumentContent.Table table) {
    if (table.rows().isEmpty()) {
      out.append(table.empty()).append("\n\n");
      return;
    }
    out.append(String.join(" | ", table.headers())).append('\n');
    for (List<String> row : table.rows()) {
      out.append(String.join(" | ", row.stream().map(PlainText::oneLine).toList())).append('\n');
    }
    out.append('\n');
  }

  private static String oneLine(String cell) {
    return cell.replace('\n', ' ');
  }
}

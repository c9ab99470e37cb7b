package org.semptify.documents;

import java.util.List;

/**
 * A generated document as a sequence of blocks, independent of how it is shown: the same content
 * becomes the HTML preview, the plain-text twin and the PDF, so the three cannot disagree.
 */
public record DocumentContent(String title, List<Block> blocks) {

  /** One piece of a document. */
  public sealed interface Block permits Heading, Paragraph, Table, Checklist, PageBreak {}

  /** A section heading. */
  public record Heading(String text) implements Block {}

  /** Text; line breaks inside it are kept. */
  public record Paragraph(String text) implements Block {}

  /**
   * Rows of cells under a header; {@code widths} are the columns' shares of the page width.
   *
   * @param empty what to show when there are no rows
   */
  public record Table(
      List<String> headers, List<List<String>> rows, List<Float> widths, String empty)
      implements Block {}

  /** Items with a tick box each, ticked or not. */
  public record Checklist(List<Item> items) implements Block {
    public record Item(String label, boolean checked) {
      public String mark() {
        return checked ? "[x]" : "[ ]";
      }
    }
  }

  /** The next block starts on a new page (in the PDF; a blank line in text). */
  public record PageBreak() implements Block {}
}

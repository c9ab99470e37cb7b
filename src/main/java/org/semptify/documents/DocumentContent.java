package org.semptify.documents;

import java.util.List;

/**
 * A generated document as a sequence of blocks, independent of how it is shown: the same content
 * becomes the HTML preview, the plain-text twin and the PDF, so the three cannot disagree.
 */
public record DocumentContent(String title, List<Block> blocks) {

  /** One piece of a document. */
  public sealed interface Block
      permits Heading, Paragraph, Table, Checklist, PageBreak, Caption, SignatureBlock, Exhibit {}

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

  /**
   * The caption of a court document, in the standard layout: the court centred on top, the parties
   * on the left (closed by a column of ")"), the case number and the document's title on the right.
   * A document whose first block is its caption shows it above its title.
   */
  public record Caption(List<String> court, List<String> parties, List<String> caseInfo)
      implements Block {}

  /**
   * An electronic signature, never separated from the text just above it: the line before it
   * ("Executed at … on …", or a letter's "Sincerely,"), "/s/ Name", the printed name and date, and
   * the statement of electronic signature and consent.
   */
  public record SignatureBlock(
      String lead, String signature, List<String> details, String statement) implements Block {}

  /**
   * An exhibit: a cover sheet, then (in the PDF) the file itself — an image scaled to fit a page, a
   * PDF's own pages — or, for what cannot be printed, the cover sheet alone, which says the file is
   * provided separately and how to verify it.
   *
   * @param heading "Exhibit B"
   * @param cover the cover sheet's lines
   * @param placement how the file goes into the PDF
   * @param notShown the sentence a PDF's cover sheet adds when the file could not be read after all
   */
  public record Exhibit(
      String heading,
      List<String> cover,
      Placement placement,
      String docId,
      long size,
      String sha256,
      String contentType,
      String notShown)
      implements Block {

    /** How an exhibit's file becomes part of the PDF. */
    public enum Placement {
      /** A picture, scaled to fit one page after the cover sheet. */
      IMAGE,
      /** A PDF, appended page by page after the cover sheet. */
      PDF,
      /** Not printable (audio, video, …) or too large: the cover sheet only. */
      SEPARATE
    }
  }
}

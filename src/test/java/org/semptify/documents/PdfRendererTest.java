package org.semptify.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Layout edge cases of the PDF writer, without a server. */
class PdfRendererTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-31T12:00:00Z"), ZoneOffset.UTC);
  private static final PdfRenderer.Footer FOOTER =
      new PdfRenderer.Footer(
          "d_0000000000000000000000",
          "ab".repeat(32),
          new org.semptify.i18n.Translator(
              org.semptify.i18n.Language.EN, org.semptify.i18n.Messages.load()));

  private static String render(PdfFonts fonts, DocumentContent.Block... blocks) throws IOException {
    byte[] pdf =
        new PdfRenderer(fonts, CLOCK).render(new DocumentContent("Title", List.of(blocks)), FOOTER);
    return PdfText.of(pdf);
  }

  @Test
  void aCharacterNoFontHasBecomesAQuestionMarkInsteadOfFailing() throws IOException {
    String text =
        render(PdfFonts.discover(), new DocumentContent.Paragraph("hieroglyph \uD80C\uDC00 done"));
    assertThat(text).contains("hieroglyph ? done");
  }

  @Test
  void theFontsComeWithTheBuildSoCjkRendersWithoutAnySystemFont() throws IOException {
    PdfFonts fonts = PdfFonts.discover();
    assertThat(fonts.describe())
        .isEqualTo("pdf fonts (bundled): DejaVuSans.ttf; CJK: DroidSansFallbackFull.ttf");
    for (Optional<PdfFonts.FontFile> font :
        List.of(fonts.regular(), fonts.bold(), fonts.fallback())) {
      assertThat(font).isPresent();
      java.net.URL url = PdfFonts.class.getResource(PdfFonts.FOLDER + font.get().name());
      assertThat(url).isNotNull();
      assertThat(url.getPath()).doesNotContain("/usr/share/fonts");
      try (var in = font.get().open()) {
        assertThat(in.readNBytes(4)).containsExactly(0, 1, 0, 0); // a TrueType font
      }
    }
    assertThat(fonts.fallback().get().covers('王')).isTrue();
    String text =
        render(fonts, new DocumentContent.Paragraph("王小明 (Wáng Xiǎomíng), Zoë Ñandú § 8"));
    assertThat(text).contains("王小明 (Wáng Xiǎomíng), Zoë Ñandú § 8");
  }

  @Test
  void withoutItsFontsAsciiStillRendersWithTheBuiltInFont() throws IOException {
    PdfFonts none = new PdfFonts(Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(none.describe()).contains("ASCII only");
    String text = render(none, new DocumentContent.Paragraph("Rent paid 王"));
    assertThat(text).contains("Rent paid ?");
  }

  @Test
  void aWordWiderThanThePageIsBrokenNotCut() throws IOException {
    String word = "x".repeat(400);
    String text = render(PdfFonts.discover(), new DocumentContent.Paragraph(word));
    assertThat(text.replaceAll("\\s+", "")).contains(word);
  }

  @Test
  void longContentFlowsOntoNumberedPagesWithTheFooterOnEach() throws IOException {
    String text =
        render(
            PdfFonts.discover(),
            new DocumentContent.Paragraph("line\n".repeat(120)),
            new DocumentContent.PageBreak(),
            new DocumentContent.Paragraph("last"));
    assertThat(text).contains("Page 1 of 4").contains("Page 4 of 4");
    assertThat(text.split("SHA-256 of this document's text: " + "ab".repeat(32), -1)).hasSize(5);
  }

  @Test
  void theSignatureBlockNeverLeavesThePageOfTheParagraphAboveIt() throws IOException {
    PdfRenderer renderer = new PdfRenderer(PdfFonts.discover(), CLOCK);
    var t = FOOTER.text();
    Signature signature = new Signature("Jane Roe", true);
    for (int filler = 20; filler <= 60; filler++) {
      DocumentContent content =
          new DocumentContent(
              "Declaration",
              List.of(
                  new DocumentContent.Paragraph("filler line\n".repeat(filler).strip()),
                  new DocumentContent.Heading("Declaration"),
                  new DocumentContent.Paragraph(
                      "I declare under penalty of perjury that the foregoing is true and correct."
                          + " This closing paragraph runs over two lines of the page, to the end."),
                  CourtParts.signature(t, signature, "Springfield, Illinois", "2026-11-30", null)));
      List<PdfPages.Page> pages = PdfPages.of(renderer.render(content, FOOTER));
      PdfPages.Page signed =
          pages.stream().filter(p -> p.text().contains("/s/ Jane Roe")).findFirst().orElseThrow();
      assertThat(signed.text())
          .as("filler " + filler)
          .contains("I declare under penalty of perjury")
          .contains("to the end.")
          .contains("Declaration\n")
          .contains("Executed at Springfield, Illinois on November 30, 2026.")
          .contains("Printed name: Jane Roe")
          .contains("Date: November 30, 2026")
          .contains("typed the name above as their signature");
    }
  }

  @Test
  void aColumnIsNeverNarrowerThanTheWordsOfItsHeader() throws IOException {
    String text =
        render(
            PdfFonts.discover(),
            new DocumentContent.Table(
                List.of("Exhibit", "Name", "Received", "SHA-256"),
                List.of(
                    List.of("A", "ceiling.jpg", "November 2, 2026, 10:15 UTC", "ab".repeat(32))),
                List.of(0.2f, 2.2f, 1.7f, 4.2f),
                "none"));
    assertThat(text).contains("Exhibit").contains("Received").contains("November");
    assertThat(text.replaceAll("\\s+", "")).contains("ab".repeat(32));
  }
}

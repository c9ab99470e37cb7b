package org.semptify.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.semptify.i18n.Translator;
import org.semptify.vault.Document;

/**
 * The parts court-ready documents share: the caption, the electronic signature block and the
 * exhibits with their cover sheets.
 */
final class CourtParts {
  /** The caption's fields, all optional: each is printed when given. */
  static final List<String> CAPTION_FIELDS =
      List.of("court_name", "county_state", "case_number", "plaintiff", "defendant");

  /**
   * What may be held in memory while one PDF is written: PDFs to append and pictures that must be
   * decoded (JPEG photos are copied into the PDF as they are written, so they cost nothing here).
   * Beyond it, an exhibit is provided separately and its cover sheet says so.
   */
  static final long IN_MEMORY_BUDGET = 48L * 1024 * 1024;

  private static final Set<String> STREAMED_IMAGES = Set.of("image/jpeg");
  private static final Set<String> DECODED_IMAGES = Set.of("image/png", "image/gif", "image/bmp");

  private CourtParts() {}

  /** The caption fields of a form, each with its label and hint message keys. */
  static List<FormField> captionFields() {
    return List.of(
        FormField.text("court_name", "Court", false, 200)
            .withHint(
                "For example: Circuit Court of Cook County. Leave empty if no case is filed."),
        FormField.text("county_state", "County and state", false, 200),
        FormField.text("case_number", "Case number", false, 100),
        FormField.text("plaintiff", "Plaintiff (usually the landlord)", false, 200),
        FormField.text("defendant", "Defendant (usually the tenant)", false, 200));
  }

  /** "Executed at": the place of signing, printed before the signature. */
  static FormField executedAtField() {
    return FormField.text("executed_at", "City and state where you sign", false, 200)
        .withHint("For example: Springfield, Illinois");
  }

  /** The caption, or none when no caption field was filled in. */
  static Optional<DocumentContent.Caption> caption(
      FormInput input, Translator t, String documentTitle) {
    if (CAPTION_FIELDS.stream().allMatch(f -> input.trimmed(f).isEmpty())) {
      return Optional.empty();
    }
    Locale locale = Locale.forLanguageTag(t.language().code());
    List<String> court = new ArrayList<>();
    for (String field : List.of("court_name", "county_state")) {
      if (!input.trimmed(field).isEmpty()) {
        court.add(input.trimmed(field).toUpperCase(locale));
      }
    }
    List<String> parties = new ArrayList<>();
    String plaintiff = input.trimmed("plaintiff");
    String defendant = input.trimmed("defendant");
    if (!plaintiff.isEmpty()) {
      parties.add(plaintiff.toUpperCase(locale) + ",");
      parties.add("        " + t.t("doc.caption.plaintiff") + ",");
      parties.add("");
      parties.add("    " + t.t("doc.caption.versus"));
      parties.add("");
    }
    if (!defendant.isEmpty()) {
      parties.add(defendant.toUpperCase(locale) + ",");
      parties.add("        " + t.t("doc.caption.defendant") + ".");
    }
    List<String> caseInfo = new ArrayList<>();
    if (!input.trimmed("case_number").isEmpty()) {
      caseInfo.add(t.t("doc.caption.case", input.trimmed("case_number")));
      caseInfo.add("");
    }
    caseInfo.add(documentTitle.toUpperCase(locale));
    return Optional.of(new DocumentContent.Caption(court, parties, caseInfo));
  }

  /**
   * The signature block: {@code lead} (null for "Executed at {place} on {date}." or "Executed on
   * {date}."), "/s/ name", the printed name, the date and the statement of electronic signature.
   */
  static DocumentContent.SignatureBlock signature(
      Translator t, Signature signature, String place, String isoDate, String lead) {
    String date = LongDate.of(t.language(), isoDate);
    String shown = signature.shownName(t);
    if (lead == null) {
      lead =
          place == null || place.isBlank()
              ? t.t("doc.sign.executedOn", date)
              : t.t("doc.sign.executedAt", place.strip(), date);
    }
    return new DocumentContent.SignatureBlock(
        lead,
        "/s/ " + shown,
        List.of(t.t("doc.sign.printed", shown), t.t("doc.sign.date", date)),
        t.t("doc.sign.statement", shown));
  }

  /** "A", "A–C": the letters of the first {@code count} exhibits. */
  static String letters(int count) {
    if (count <= 0) {
      return "";
    }
    return count == 1
        ? FilingPacket.exhibitLetter(0)
        : FilingPacket.exhibitLetter(0) + "–" + FilingPacket.exhibitLetter(count - 1);
  }

  /**
   * Each document as an exhibit with its cover sheet, lettered A, B, … in order: JPEG photos are
   * streamed into the PDF, other pictures and PDFs while the in-memory budget lasts, everything
   * else (audio, video, …) is provided separately.
   */
  static List<DocumentContent.Exhibit> exhibits(List<Document> documents, Translator t) {
    List<DocumentContent.Exhibit> exhibits = new ArrayList<>();
    long held = 0;
    for (int i = 0; i < documents.size(); i++) {
      Document d = documents.get(i);
      String type = d.contentType() == null ? "" : d.contentType();
      DocumentContent.Exhibit.Placement placement;
      String placed;
      if (STREAMED_IMAGES.contains(type)) {
        placement = DocumentContent.Exhibit.Placement.IMAGE;
        placed = t.t("doc.exhibit.image");
      } else if ((DECODED_IMAGES.contains(type) || type.equals("application/pdf"))
          && held + d.size() <= IN_MEMORY_BUDGET) {
        held += d.size();
        boolean pdf = type.equals("application/pdf");
        placement =
            pdf ? DocumentContent.Exhibit.Placement.PDF : DocumentContent.Exhibit.Placement.IMAGE;
        placed = t.t(pdf ? "doc.exhibit.pdf" : "doc.exhibit.image");
      } else {
        placement = DocumentContent.Exhibit.Placement.SEPARATE;
        boolean printable = DECODED_IMAGES.contains(type) || type.equals("application/pdf");
        placed =
            t.t(printable ? "doc.exhibit.tooLarge" : "doc.exhibit.separate")
                + "\n"
                + t.t("doc.exhibit.verify", d.filename());
      }
      List<String> cover = new ArrayList<>();
      cover.add(t.t("doc.exhibit.file", d.filename()));
      if (d.description() != null && !d.description().isBlank()) {
        cover.add(t.t("doc.exhibit.description", t.description(d.category(), d.description())));
      }
      cover.add(t.t("doc.exhibit.received", LongDate.moment(t.language(), d.receivedAt())));
      cover.add(t.t("doc.exhibit.kind", type, t.size(d.size())));
      cover.add(t.t("doc.exhibit.certificate", d.seq(), d.docId()));
      cover.add("SHA-256: " + d.sha256());
      cover.add("");
      cover.add(placed);
      exhibits.add(
          new DocumentContent.Exhibit(
              t.t("doc.exhibit.heading", FilingPacket.exhibitLetter(i)),
              cover,
              placement,
              d.docId(),
              d.size(),
              d.sha256(),
              type,
              t.t("doc.exhibit.notShown") + "\n" + t.t("doc.exhibit.verify", d.filename())));
    }
    return exhibits;
  }
}

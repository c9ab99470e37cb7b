package org.semptify.documents;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semptify.i18n.Message;
import org.semptify.i18n.Translator;
import org.semptify.ops.EventType;
import org.semptify.vault.Document;
import org.semptify.web.Problems;

/**
 * A court filing packet: cover page, summary sheet, timeline, an evidence index of vault documents
 * (each with its SHA-256, so the clerk can check the exhibits), the packet checklist and a final
 * page with the preparer's signature.
 */
final class FilingPacket implements TenantForm {
  private static final Pattern TIMELINE_LINE =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\s+[-–]\\s+(\\S.*)");

  /** One timeline line: "YYYY-MM-DD - Event description". */
  record TimelineEntry(String date, String event) {}

  @Override
  public String name() {
    return "filing_packet";
  }

  @Override
  public String title() {
    return "Filing packet";
  }

  @Override
  public String intro() {
    return "Put your case in order for the court: a summary, a timeline and an index of the"
        + " evidence in your vault, with each file's fingerprint (SHA-256) so nobody can say it"
        + " was changed.";
  }

  @Override
  public List<FormField> fields() {
    return List.of(
        FormField.text("title", "Title of the packet", true, 200)
            .withHint("For example: Tenant's evidence, Smith v. Jones, eviction hearing"),
        FormField.textarea("summary", "Summary", true, 5000)
            .withHint("What the case is about, in a few sentences."),
        FormField.textarea("issues", "Issues", false, 5000)
            .withHint("Repairs, deposit, notice, retaliation…"),
        FormField.textarea("parties", "Parties", false, 2000)
            .withHint("Names and roles: tenant, landlord, property manager…"),
        FormField.date("date", "Date"),
        FormField.textarea("timeline", "Timeline", false, 20_000)
            .withHint("One event per line: 2026-03-31 - Landlord served notice"),
        FormField.documents("exhibits", "Exhibits from your vault", FormField.Kind.DOCUMENTS));
  }

  @Override
  public EventType savedEvent() {
    return EventType.FILING_PACKET_SAVED;
  }

  @Override
  public void check(FormInput input, Problems problems) {
    String[] lines = input.value("timeline").split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      Matcher matcher = TIMELINE_LINE.matcher(line);
      if (!matcher.matches() || !Problems.isDate(matcher.group(1))) {
        problems.add("timeline", Message.of("validation.timelineLine", i + 1));
        break;
      }
    }
  }

  /** The timeline's entries, sorted by date (stable for events on the same day). */
  static List<TimelineEntry> timeline(FormInput input) {
    List<TimelineEntry> entries = new ArrayList<>();
    for (String line : input.value("timeline").split("\n")) {
      Matcher matcher = TIMELINE_LINE.matcher(line.strip());
      if (matcher.matches()) {
        entries.add(new TimelineEntry(matcher.group(1), matcher.group(2).strip()));
      }
    }
    entries.sort(Comparator.comparing(TimelineEntry::date));
    return entries;
  }

  @Override
  public DocumentContent compose(
      FormInput input, Map<String, List<Document>> attached, Signature signature, Translator t) {
    List<Document> exhibits = attached.getOrDefault("exhibits", List.of());
    List<TimelineEntry> timeline = timeline(input);
    List<DocumentContent.Block> blocks = new ArrayList<>();
    blocks.add(
        new DocumentContent.Paragraph(
            t.t(
                "doc.packet.cover",
                input.trimmed("title"),
                input.trimmed("date"),
                signature.name(),
                exhibits.size())));
    if (!input.trimmed("parties").isEmpty()) {
      blocks.add(new DocumentContent.Heading(t.t("doc.packet.parties")));
      blocks.add(new DocumentContent.Paragraph(input.trimmed("parties")));
    }
    blocks.add(new DocumentContent.PageBreak());
    blocks.add(new DocumentContent.Heading(t.t("doc.packet.check.1")));
    blocks.add(new DocumentContent.Paragraph(input.trimmed("summary")));
    if (!input.trimmed("issues").isEmpty()) {
      blocks.add(new DocumentContent.Heading(t.t("doc.packet.issues")));
      blocks.add(new DocumentContent.Paragraph(input.trimmed("issues")));
    }
    blocks.add(new DocumentContent.Heading(t.t("doc.packet.check.4")));
    blocks.add(
        new DocumentContent.Table(
            List.of(t.t("doc.packet.date"), t.t("doc.packet.event")),
            timeline.stream().map(e -> List.of(e.date(), e.event())).toList(),
            List.of(1f, 4f),
            t.t("doc.packet.noTimeline")));
    blocks.add(new DocumentContent.Heading(t.t("doc.packet.check.2")));
    blocks.add(
        new DocumentContent.Table(
            List.of(
                t.t("doc.packet.exhibit"),
                t.t("doc.packet.name"),
                "SHA-256",
                t.t("doc.packet.received")),
            exhibitRows(exhibits),
            List.of(0.8f, 2.2f, 4.2f, 1.9f),
            t.t("doc.packet.noExhibits")));
    blocks.add(new DocumentContent.Heading(t.t("doc.packet.checklist")));
    blocks.add(new DocumentContent.Checklist(checklist(exhibits, timeline, t)));
    blocks.add(new DocumentContent.Heading(t.t("doc.packet.check.6")));
    blocks.add(
        new DocumentContent.Paragraph(
            t.t("doc.packet.final", signature.shownName(t), input.trimmed("date"))));
    return new DocumentContent(t.t("doc.packet.title"), blocks);
  }

  private static List<List<String>> exhibitRows(List<Document> exhibits) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < exhibits.size(); i++) {
      Document document = exhibits.get(i);
      rows.add(
          List.of(exhibitLetter(i), document.filename(), document.sha256(), document.receivedAt()));
    }
    return rows;
  }

  /** A, B, … Z, AA, AB, … as courts letter exhibits. */
  static String exhibitLetter(int index) {
    StringBuilder letters = new StringBuilder();
    for (int n = index + 1; n > 0; n = (n - 1) / 26) {
      letters.insert(0, (char) ('A' + (n - 1) % 26));
    }
    return letters.toString();
  }

  private static List<DocumentContent.Checklist.Item> checklist(
      List<Document> exhibits, List<TimelineEntry> timeline, Translator t) {
    boolean witness = exhibits.stream().anyMatch(d -> "witness_statement".equals(d.category()));
    List<Boolean> present =
        List.of(true, true, true, !exhibits.isEmpty(), !timeline.isEmpty(), witness, true);
    List<DocumentContent.Checklist.Item> items = new ArrayList<>();
    for (int i = 0; i < present.size(); i++) {
      items.add(new DocumentContent.Checklist.Item(t.t("doc.packet.check." + i), present.get(i)));
    }
    return items;
  }
}

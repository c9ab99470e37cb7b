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
        FormField.documents("exhibits", "Exhibits from your vault", FormField.Kind.DOCUMENTS),
        CourtParts.executedAtField(),
        CourtParts.captionFields().get(0),
        CourtParts.captionFields().get(1),
        CourtParts.captionFields().get(2),
        CourtParts.captionFields().get(3),
        CourtParts.captionFields().get(4));
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

  /** A summary longer than this is shortened on the cover and given whole on the next page. */
  static final int COVER_SUMMARY = 900;

  @Override
  public DocumentContent compose(
      FormInput input, Map<String, List<Document>> attached, Signature signature, Translator t) {
    List<Document> documents = attached.getOrDefault("exhibits", List.of());
    List<DocumentContent.Exhibit> exhibits = CourtParts.exhibits(documents, t);
    List<TimelineEntry> timeline = timeline(input);
    String date = input.trimmed("date");
    String title = t.t("doc.packet.title");
    String summary = input.trimmed("summary");
    List<DocumentContent.Block> blocks = new ArrayList<>();
    // The cover: caption, what the packet is, a short summary, who prepared it, what it holds.
    CourtParts.caption(input, t, title).ifPresent(blocks::add);
    blocks.add(new DocumentContent.Heading(input.trimmed("title")));
    boolean shortened = summary.length() > COVER_SUMMARY;
    blocks.add(new DocumentContent.Heading(t.t("doc.packet.check.1")));
    blocks.add(
        new DocumentContent.Paragraph(
            shortened ? shorten(summary) + " " + t.t("doc.packet.continued") : summary));
    blocks.add(
        new DocumentContent.Paragraph(
            t.t(
                "doc.packet.prepared",
                signature.shownName(t),
                LongDate.of(t.language(), date),
                exhibits.isEmpty()
                    ? t.t("doc.packet.noneAttached")
                    : exhibits.size() + " (" + CourtParts.letters(exhibits.size()) + ")")));
    blocks.add(new DocumentContent.Heading(t.t("doc.packet.contents")));
    blocks.add(new DocumentContent.Paragraph(contents(documents, exhibits, t)));
    blocks.add(new DocumentContent.PageBreak());
    if (shortened) {
      blocks.add(new DocumentContent.Heading(t.t("doc.packet.check.1")));
      blocks.add(new DocumentContent.Paragraph(summary));
    }
    if (!input.trimmed("issues").isEmpty()) {
      blocks.add(new DocumentContent.Heading(t.t("doc.packet.issues")));
      blocks.add(new DocumentContent.Paragraph(input.trimmed("issues")));
    }
    if (!input.trimmed("parties").isEmpty()) {
      blocks.add(new DocumentContent.Heading(t.t("doc.packet.parties")));
      blocks.add(new DocumentContent.Paragraph(input.trimmed("parties")));
    }
    blocks.add(new DocumentContent.Heading(t.t("doc.packet.check.4")));
    blocks.add(
        new DocumentContent.Table(
            List.of(t.t("doc.packet.date"), t.t("doc.packet.event")),
            timeline.stream()
                .map(e -> List.of(LongDate.of(t.language(), e.date()), e.event()))
                .toList(),
            List.of(1.3f, 4f),
            t.t("doc.packet.noTimeline")));
    blocks.add(new DocumentContent.Heading(t.t("doc.packet.check.2")));
    blocks.add(
        new DocumentContent.Table(
            List.of(
                t.t("doc.packet.exhibit"),
                t.t("doc.packet.name"),
                t.t("doc.packet.receivedOn"),
                "SHA-256"),
            exhibitRows(documents, t),
            List.of(0.9f, 2.1f, 1.7f, 4.2f),
            t.t("doc.packet.noExhibits")));
    blocks.addAll(exhibits);
    blocks.add(new DocumentContent.PageBreak());
    blocks.add(new DocumentContent.Heading(t.t("doc.packet.checklist")));
    blocks.add(new DocumentContent.Checklist(checklist(documents, exhibits, timeline, t)));
    blocks.add(new DocumentContent.Heading(t.t("doc.packet.todo")));
    blocks.add(new DocumentContent.Checklist(todo(exhibits, timeline, documents, t)));
    blocks.add(new DocumentContent.Heading(t.t("doc.packet.check.6")));
    blocks.add(new DocumentContent.Paragraph(t.t("doc.packet.attest")));
    blocks.add(CourtParts.signature(t, signature, input.trimmed("executed_at"), date, null));
    return new DocumentContent(title, blocks);
  }

  /** What the packet holds, in order, each exhibit with its file name. */
  private static String contents(
      List<Document> documents, List<DocumentContent.Exhibit> exhibits, Translator t) {
    List<String> lines = new ArrayList<>();
    lines.add(t.t("doc.packet.check.4") + "; " + t.t("doc.packet.check.2"));
    for (int i = 0; i < exhibits.size(); i++) {
      DocumentContent.Exhibit exhibit = exhibits.get(i);
      boolean separate = exhibit.placement() == DocumentContent.Exhibit.Placement.SEPARATE;
      lines.add(
          exhibit.heading()
              + " — "
              + documents.get(i).filename()
              + (separate ? " " + t.t("doc.packet.contents.separate") : ""));
    }
    lines.add(t.t("doc.packet.checklist") + "; " + t.t("doc.packet.check.6"));
    return String.join("\n", lines);
  }

  /** The first sentences of {@code text}, ending at a word, within the cover's room. */
  private static String shorten(String text) {
    String head = text.substring(0, COVER_SUMMARY);
    int sentence = Math.max(head.lastIndexOf(". "), head.lastIndexOf(".\n"));
    if (sentence > COVER_SUMMARY / 2) {
      return head.substring(0, sentence + 1);
    }
    int space = head.lastIndexOf(' ');
    return (space > 0 ? head.substring(0, space) : head) + " …";
  }

  private static List<List<String>> exhibitRows(List<Document> exhibits, Translator t) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < exhibits.size(); i++) {
      Document document = exhibits.get(i);
      rows.add(
          List.of(
              exhibitLetter(i),
              document.filename(),
              LongDate.moment(t.language(), document.receivedAt()),
              document.sha256()));
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

  /** What is in this packet, ticked only where it really is. */
  private static List<DocumentContent.Checklist.Item> checklist(
      List<Document> documents,
      List<DocumentContent.Exhibit> exhibits,
      List<TimelineEntry> timeline,
      Translator t) {
    boolean inside =
        !exhibits.isEmpty()
            && exhibits.stream()
                .noneMatch(e -> e.placement() == DocumentContent.Exhibit.Placement.SEPARATE);
    List<Boolean> present =
        List.of(
            true,
            true,
            !documents.isEmpty(),
            inside,
            !timeline.isEmpty(),
            witness(documents),
            true);
    List<DocumentContent.Checklist.Item> items = new ArrayList<>();
    for (int i = 0; i < present.size(); i++) {
      items.add(new DocumentContent.Checklist.Item(t.t("doc.packet.check." + i), present.get(i)));
    }
    return items;
  }

  private static boolean witness(List<Document> documents) {
    return documents.stream().anyMatch(d -> "witness_statement".equals(d.category()));
  }

  /** What the tenant still has to do, each with an empty tick box. */
  private static List<DocumentContent.Checklist.Item> todo(
      List<DocumentContent.Exhibit> exhibits,
      List<TimelineEntry> timeline,
      List<Document> documents,
      Translator t) {
    List<String> todo = new ArrayList<>();
    if (exhibits.isEmpty()) {
      todo.add(t.t("doc.packet.todo.exhibits"));
    }
    for (int i = 0; i < exhibits.size(); i++) {
      if (exhibits.get(i).placement() == DocumentContent.Exhibit.Placement.SEPARATE) {
        todo.add(
            t.t(
                "doc.packet.todo.separate",
                exhibits.get(i).heading(),
                documents.get(i).filename()));
      }
    }
    if (timeline.isEmpty()) {
      todo.add(t.t("doc.packet.todo.timeline"));
    }
    if (!witness(documents)) {
      todo.add(t.t("doc.packet.todo.witness"));
    }
    todo.add(t.t("doc.packet.todo.copies"));
    todo.add(t.t("doc.packet.todo.file"));
    return todo.stream().map(s -> new DocumentContent.Checklist.Item(s, false)).toList();
  }
}

package org.semptify.documents;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.semptify.i18n.Message;
import org.semptify.i18n.Translator;
import org.semptify.ops.EventType;
import org.semptify.vault.Document;
import org.semptify.web.Problems;

/**
 * A letter asking a landlord to make repairs by a date and to answer in writing: the problems
 * (what, where, since when, how they affect the household), earlier notices, the deadline, and
 * optionally photos from the vault as exhibits. It cites no law of its own; a legal-aid worker may
 * add the local statute in a free-text field.
 */
final class RepairRequest implements TenantForm {
  static final int DEFAULT_DAYS = 14;
  static final int MAX_DAYS = 90;
  static final Message DAYS = Message.of("validation.repairDays", 1, MAX_DAYS);

  @Override
  public String name() {
    return "repair_request";
  }

  @Override
  public String title() {
    return "Repair request letter";
  }

  @Override
  public String intro() {
    return "A polite, firm letter asking your landlord to make repairs by a date and to answer you"
        + " in writing. Keep a copy, and record when and how you sent it.";
  }

  @Override
  public List<FormField> fields() {
    return List.of(
        FormField.text("landlord_name", "Landlord or property manager", true, 200),
        FormField.textarea("landlord_address", "Landlord's address", true, 500),
        FormField.text("tenant_name", "Your name", true, 200),
        FormField.textarea("tenant_address", "Your address, with the unit number", true, 500),
        FormField.date("date", "Date of the letter"),
        FormField.textarea("problems", "The problems", true, 10_000)
            .withHint(
                "One problem per paragraph: what is wrong, where, since when, and how it affects"
                    + " your household. Leave an empty line between problems."),
        FormField.textarea("earlier_notices", "Earlier notices (optional)", false, 3000)
            .withHint("When and how you told the landlord before: by phone, text, letter…"),
        FormField.text("deadline_days", "Days the landlord has to make the repairs", true, 2)
            .withHint("14 days is usual. Urgent problems (no heat, no water) may need less."),
        FormField.documents("photos", "Photos from your vault", FormField.Kind.PHOTOS),
        FormField.textarea("local_law", "Local law (optional, for a legal-aid worker)", false, 3000)
            .withHint("The statute or code that applies where you live, if you know it."));
  }

  @Override
  public Map<String, String> defaults() {
    return Map.of("deadline_days", String.valueOf(DEFAULT_DAYS));
  }

  /** Record it as sent (service of notice) and put the deadline in the logbook. */
  @Override
  public List<FollowUp> followUps(FormInput input, String pdfDocId, Translator t) {
    String deadline = deadline(input);
    String title = t.t("doc.repair.logTitle", LongDate.of(t.language(), input.trimmed("date")));
    return List.of(
        new FollowUp("repair.next.served", "/certified_post?related_doc_id=" + encode(pdfDocId)),
        new FollowUp(
            "repair.next.deadline",
            "/logbook?type=deadline&date=" + encode(deadline) + "&title=" + encode(title)));
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public EventType savedEvent() {
    return EventType.REPAIR_REQUEST_SAVED;
  }

  @Override
  public void check(FormInput input, Problems problems) {
    if (!input.trimmed("deadline_days").isEmpty() && days(input) < 0) {
      problems.add("deadline_days", DAYS);
    }
  }

  /** The days given to repair, or -1 when not a whole number from 1 to {@link #MAX_DAYS}. */
  static int days(FormInput input) {
    String text = input.trimmed("deadline_days");
    if (!text.matches("[0-9]{1,2}")) {
      return -1;
    }
    int days = Integer.parseInt(text);
    return days >= 1 && days <= MAX_DAYS ? days : -1;
  }

  /** The date the repairs are asked for by, or "" when the letter's date is not a date. */
  static String deadline(FormInput input) {
    try {
      return LocalDate.parse(input.trimmed("date")).plusDays(days(input)).toString();
    } catch (DateTimeParseException e) {
      return "";
    }
  }

  /** The problems as typed, one per paragraph (an empty line between them). */
  static List<String> problems(FormInput input) {
    List<String> problems = new ArrayList<>();
    for (String part : input.value("problems").split("\\n\\s*\\n")) {
      if (!part.isBlank()) {
        problems.add(part.strip());
      }
    }
    return problems;
  }

  @Override
  public DocumentContent compose(
      FormInput input, Map<String, List<Document>> attached, Signature signature, Translator t) {
    var language = t.language();
    String landlord = input.trimmed("landlord_name");
    List<DocumentContent.Exhibit> exhibits =
        CourtParts.exhibits(attached.getOrDefault("photos", List.of()), t);
    List<DocumentContent.Block> blocks = new ArrayList<>();
    blocks.add(
        new DocumentContent.Paragraph(
            t.t(
                "doc.repair.header",
                LongDate.of(language, input.trimmed("date")),
                landlord,
                input.trimmed("landlord_address"),
                input.trimmed("tenant_name"),
                input.trimmed("tenant_address"))));
    String home =
        String.join(
            ", ",
            input
                .trimmed("tenant_address")
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList());
    blocks.add(new DocumentContent.Heading(t.t("doc.repair.subject", home)));
    blocks.add(new DocumentContent.Paragraph(t.t("doc.repair.dear", landlord)));
    blocks.add(new DocumentContent.Paragraph(t.t("doc.repair.ask")));
    List<String> problems = problems(input);
    StringBuilder numbered = new StringBuilder();
    for (int i = 0; i < problems.size(); i++) {
      numbered.append(i == 0 ? "" : "\n\n").append(i + 1).append(". ").append(problems.get(i));
    }
    blocks.add(new DocumentContent.Paragraph(numbered.toString()));
    if (!input.trimmed("earlier_notices").isEmpty()) {
      blocks.add(new DocumentContent.Paragraph(t.t("doc.repair.earlier")));
      blocks.add(new DocumentContent.Paragraph(input.trimmed("earlier_notices")));
    }
    int days = days(input);
    blocks.add(
        new DocumentContent.Paragraph(
            t.t(
                "doc.repair.deadline",
                days < 0 ? DEFAULT_DAYS : days,
                LongDate.of(language, deadline(input)))));
    if (!exhibits.isEmpty()) {
      blocks.add(
          new DocumentContent.Paragraph(
              t.t("doc.repair.photos", exhibits.size(), CourtParts.letters(exhibits.size()))));
    }
    if (!input.trimmed("local_law").isEmpty()) {
      blocks.add(new DocumentContent.Paragraph(t.t("doc.repair.law")));
      blocks.add(new DocumentContent.Paragraph(input.trimmed("local_law")));
    }
    blocks.add(new DocumentContent.Paragraph(t.t("doc.repair.closing")));
    blocks.add(
        CourtParts.signature(t, signature, null, input.trimmed("date"), t.t("doc.letter.closing")));
    blocks.addAll(exhibits);
    return new DocumentContent(t.t("doc.repair.title"), blocks);
  }
}

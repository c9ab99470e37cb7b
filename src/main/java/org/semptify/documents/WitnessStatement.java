package org.semptify.documents;

import java.util.List;
import java.util.Map;
import org.semptify.i18n.Translator;
import org.semptify.ops.EventType;
import org.semptify.vault.Document;

/**
 * A witness statement ending with an unsworn declaration in the form of 28 U.S.C. § 1746, which
 * federal courts (and many state courts) accept in place of a notarised affidavit.
 */
final class WitnessStatement implements TenantForm {
  @Override
  public String name() {
    return "witness_statement";
  }

  @Override
  public String title() {
    return "Witness statement";
  }

  @Override
  public String intro() {
    return "A first-hand account of what you saw or heard, in your own words, signed under"
        + " penalty of perjury. Say what happened, when, where and who was there.";
  }

  @Override
  public List<FormField> fields() {
    List<FormField> fields = new java.util.ArrayList<>();
    fields.add(FormField.text("full_name", "Your full name", true, 200));
    fields.add(
        FormField.text("contact", "Phone, email or address where you can be reached", true, 300));
    fields.add(
        FormField.textarea("statement", "Your statement", true, 20_000)
            .withHint("Facts you know yourself, in the order they happened, with dates."));
    fields.add(FormField.date("date", "Date you sign it"));
    fields.add(CourtParts.executedAtField());
    fields.addAll(CourtParts.captionFields());
    return List.copyOf(fields);
  }

  @Override
  public EventType savedEvent() {
    return EventType.WITNESS_STATEMENT_SAVED;
  }

  @Override
  public DocumentContent compose(
      FormInput input, Map<String, List<Document>> attached, Signature signature, Translator t) {
    String date = input.trimmed("date");
    String title = t.t("doc.witness.title");
    List<DocumentContent.Block> blocks = new java.util.ArrayList<>();
    CourtParts.caption(input, t, title).ifPresent(blocks::add);
    blocks.add(
        new DocumentContent.Paragraph(
            t.t(
                "doc.witness.header",
                input.trimmed("full_name"),
                input.trimmed("contact"),
                LongDate.of(t.language(), date))));
    blocks.add(new DocumentContent.Heading(t.t("doc.witness.statement")));
    blocks.add(new DocumentContent.Paragraph(input.trimmed("statement")));
    blocks.add(new DocumentContent.Heading(t.t("doc.witness.declaration")));
    blocks.add(new DocumentContent.Paragraph(t.t("doc.witness.declare")));
    blocks.add(CourtParts.signature(t, signature, input.trimmed("executed_at"), date, null));
    return new DocumentContent(title, blocks);
  }
}

package org.semptify.documents;

import java.util.List;
import java.util.Map;
import org.semptify.ops.EventType;
import org.semptify.vault.Document;

/**
 * A witness statement ending with an unsworn declaration in the form of 28 U.S.C. § 1746, which
 * federal courts (and many state courts) accept in place of a notarised affidavit.
 */
final class WitnessStatement implements TenantForm {
  static final String DECLARATION =
      "I declare under penalty of perjury that the foregoing is true and correct."
          + " (Unsworn declaration under 28 U.S.C. § 1746.)";

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
    return List.of(
        FormField.text("full_name", "Your full name", true, 200),
        FormField.text("contact", "Phone, email or address where you can be reached", true, 300),
        FormField.textarea("statement", "Your statement", true, 20_000)
            .withHint("Facts you know yourself, in the order they happened, with dates."),
        FormField.date("date", "Date you sign it"));
  }

  @Override
  public EventType savedEvent() {
    return EventType.WITNESS_STATEMENT_SAVED;
  }

  @Override
  public DocumentContent compose(
      FormInput input, Map<String, List<Document>> attached, Signature signature) {
    return new DocumentContent(
        "Witness Statement",
        List.of(
            new DocumentContent.Paragraph(
                "Name: "
                    + input.trimmed("full_name")
                    + "\nContact: "
                    + input.trimmed("contact")
                    + "\nDate: "
                    + input.trimmed("date")),
            new DocumentContent.Heading("Statement"),
            new DocumentContent.Paragraph(input.trimmed("statement")),
            new DocumentContent.Heading("Declaration"),
            new DocumentContent.Paragraph(
                DECLARATION + "\nExecuted on " + input.trimmed("date") + "."),
            new DocumentContent.Paragraph(
                "Signed electronically by "
                    + signature.name()
                    + ", who consented to sign this statement electronically.\n"
                    + "Signature (typed): "
                    + signature.name())));
  }
}

package org.semptify.documents;

import java.util.List;
import java.util.Map;
import org.semptify.i18n.Translator;
import org.semptify.ops.EventType;
import org.semptify.vault.Document;

/**
 * A letter asking a landlord for a reasonable accommodation — an assistance animal — under the Fair
 * Housing Act, 42 U.S.C. § 3604(f)(3)(B).
 */
final class ServiceAnimalRequest implements TenantForm {

  @Override
  public String name() {
    return "service_animal";
  }

  @Override
  public String title() {
    return "Reasonable-accommodation request (assistance animal)";
  }

  @Override
  public String intro() {
    return "A letter to your landlord asking them to allow an assistance animal because of a"
        + " disability. You do not have to name your disability; describe the need.";
  }

  @Override
  public List<FormField> fields() {
    return List.of(
        FormField.text("tenant_name", "Your name", true, 200),
        FormField.text("landlord_name", "Landlord or property manager", true, 200),
        FormField.text("property_address", "Address of your home", true, 300),
        FormField.date("date", "Date of the letter"),
        FormField.textarea("animal_description", "The animal", true, 1000)
            .withHint("Kind of animal, name, and what it does for you."),
        FormField.textarea("need_summary", "Why you need it", true, 5000)
            .withHint("How the animal helps with a disability-related need."));
  }

  @Override
  public EventType savedEvent() {
    return EventType.SERVICE_ANIMAL_SAVED;
  }

  @Override
  public DocumentContent compose(
      FormInput input, Map<String, List<Document>> attached, Signature signature, Translator t) {
    String landlord = input.trimmed("landlord_name");
    return new DocumentContent(
        t.t("doc.animal.title"),
        List.of(
            new DocumentContent.Paragraph(
                t.t(
                    "doc.animal.header",
                    LongDate.of(t.language(), input.trimmed("date")),
                    landlord,
                    input.trimmed("tenant_name"),
                    input.trimmed("property_address"))),
            new DocumentContent.Paragraph(t.t("doc.animal.dear", landlord)),
            new DocumentContent.Paragraph(t.t("doc.animal.request")),
            new DocumentContent.Heading(t.t("doc.animal.animal")),
            new DocumentContent.Paragraph(input.trimmed("animal_description")),
            new DocumentContent.Heading(t.t("doc.animal.need")),
            new DocumentContent.Paragraph(input.trimmed("need_summary")),
            new DocumentContent.Paragraph(t.t("doc.animal.reply")),
            CourtParts.signature(
                t, signature, null, input.trimmed("date"), t.t("doc.letter.closing"))));
  }
}

package org.semptify.documents;

import java.util.List;
import java.util.Map;
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
      FormInput input, Map<String, List<Document>> attached, Signature signature) {
    String landlord = input.trimmed("landlord_name");
    return new DocumentContent(
        "Request for Reasonable Accommodation: Assistance Animal",
        List.of(
            new DocumentContent.Paragraph(
                input.trimmed("date")
                    + "\n\nTo: "
                    + landlord
                    + "\nFrom: "
                    + input.trimmed("tenant_name")
                    + "\nProperty: "
                    + input.trimmed("property_address")),
            new DocumentContent.Paragraph("Dear " + landlord + ","),
            new DocumentContent.Paragraph(
                "I am writing to request a reasonable accommodation under the Fair Housing Act,"
                    + " 42 U.S.C. § 3604(f)(3)(B), which requires housing providers to make"
                    + " reasonable accommodations in rules, policies, practices or services when"
                    + " they may be necessary to give a person with a disability an equal"
                    + " opportunity to use and enjoy a dwelling. I have a disability, and I ask"
                    + " that you allow my assistance animal to live with me as an exception to"
                    + " any rule that restricts animals, without pet rent, fees or deposits."),
            new DocumentContent.Heading("The animal"),
            new DocumentContent.Paragraph(input.trimmed("animal_description")),
            new DocumentContent.Heading("Why I need it"),
            new DocumentContent.Paragraph(input.trimmed("need_summary")),
            new DocumentContent.Paragraph(
                "If you need reliable information that I have a disability-related need for the"
                    + " animal, please tell me in writing what you need. Please reply in writing"
                    + " within 10 days. I keep a copy of this letter."),
            new DocumentContent.Paragraph(
                "Sincerely,\n\n"
                    + input.trimmed("tenant_name")
                    + "\nSigned electronically by "
                    + signature.name()
                    + ", who consented to sign this letter electronically.\n"
                    + "Signature (typed): "
                    + signature.name())));
  }
}

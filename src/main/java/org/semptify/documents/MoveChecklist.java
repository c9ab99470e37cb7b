package org.semptify.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.semptify.i18n.Translator;
import org.semptify.ops.EventType;
import org.semptify.vault.Document;

/**
 * A move-in or move-out record: what was done, the condition of each room, and the photos in the
 * vault that show it, each named by document id and SHA-256.
 */
final class MoveChecklist implements TenantForm {
  static final List<String> ITEMS =
      List.of(
          "Photos taken",
          "Keys returned",
          "Walkthrough with landlord",
          "Damages documented",
          "Utilities closed/transferred");
  static final List<FormField> ROOMS =
      List.of(
          FormField.textarea("room_entry", "Entry and hallways", false, 2000),
          FormField.textarea("room_living", "Living room", false, 2000),
          FormField.textarea("room_kitchen", "Kitchen", false, 2000),
          FormField.textarea("room_bedrooms", "Bedrooms", false, 2000),
          FormField.textarea("room_bathrooms", "Bathrooms", false, 2000),
          FormField.textarea("room_other", "Other (balcony, storage, yard)", false, 2000));

  @Override
  public String name() {
    return "move_checklist";
  }

  @Override
  public String title() {
    return "Move-in / move-out checklist";
  }

  @Override
  public String intro() {
    return "Record the condition of the home when you move in or out, room by room, and link the"
        + " photos in your vault. It protects your deposit.";
  }

  @Override
  public List<FormField> fields() {
    List<FormField> fields = new ArrayList<>();
    fields.add(FormField.text("address", "Address", true, 300));
    fields.add(FormField.date("date", "Date of the inspection"));
    fields.add(FormField.checkboxes("items", "Done", ITEMS));
    fields.addAll(ROOMS);
    fields.add(FormField.textarea("notes", "Other notes", false, 5000));
    fields.add(FormField.documents("photos", "Photos from your vault", FormField.Kind.PHOTOS));
    return List.copyOf(fields);
  }

  @Override
  public EventType savedEvent() {
    return EventType.MOVE_CHECKLIST_SAVED;
  }

  @Override
  public DocumentContent compose(
      FormInput input, Map<String, List<Document>> attached, Signature signature, Translator t) {
    List<DocumentContent.Block> blocks = new ArrayList<>();
    blocks.add(
        new DocumentContent.Paragraph(
            t.t(
                "doc.move.header",
                input.trimmed("address"),
                LongDate.of(t.language(), input.trimmed("date")))));
    blocks.add(new DocumentContent.Heading(t.t("doc.move.checklist")));
    List<DocumentContent.Checklist.Item> items = new ArrayList<>();
    for (int i = 0; i < ITEMS.size(); i++) {
      items.add(
          new DocumentContent.Checklist.Item(
              t.t("forms.move_checklist.option." + i),
              input.values("items").contains(ITEMS.get(i))));
    }
    blocks.add(new DocumentContent.Checklist(items));
    List<List<String>> rooms = new ArrayList<>();
    for (FormField room : ROOMS) {
      if (!input.trimmed(room.name()).isEmpty()) {
        rooms.add(
            List.of(t.t("forms.move_checklist.field." + room.name()), input.trimmed(room.name())));
      }
    }
    blocks.add(new DocumentContent.Heading(t.t("doc.move.rooms")));
    blocks.add(
        new DocumentContent.Table(
            List.of(t.t("doc.move.room"), t.t("doc.move.condition")),
            rooms,
            List.of(1.2f, 4f),
            t.t("doc.move.noRooms")));
    if (!input.trimmed("notes").isEmpty()) {
      blocks.add(new DocumentContent.Heading(t.t("doc.move.notes")));
      blocks.add(new DocumentContent.Paragraph(input.trimmed("notes")));
    }
    blocks.add(new DocumentContent.Heading(t.t("doc.move.photos")));
    blocks.add(
        new DocumentContent.Table(
            List.of(t.t("doc.move.docId"), t.t("doc.move.name"), "SHA-256"),
            attached.getOrDefault("photos", List.of()).stream()
                .map(d -> List.of(d.docId(), d.filename(), d.sha256()))
                .toList(),
            List.of(2.3f, 2f, 4.2f),
            t.t("doc.move.noPhotos")));
    blocks.add(new DocumentContent.Paragraph(t.t("doc.move.attest")));
    blocks.add(CourtParts.signature(t, signature, null, input.trimmed("date"), null));
    return new DocumentContent(t.t("doc.move.title"), blocks);
  }
}

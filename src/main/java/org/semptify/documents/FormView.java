package org.semptify.documents;

import java.util.List;
import java.util.Map;
import org.semptify.i18n.Message;
import org.semptify.vault.Document;

/**
 * Everything a form page shows: the form, what was typed, the messages beside fields, the message
 * at the top (or null), the preview (or null) and the vault documents the owner may attach.
 *
 * @param signedIn false when saving will need the token typed into the form
 */
public record FormView(
    TenantForm form,
    FormInput input,
    Map<String, Message> errors,
    Message message,
    DocumentContent preview,
    List<Document> choices,
    boolean signedIn) {

  /** The message beside {@code field}, or null. */
  public Message error(String field) {
    return errors.get(field);
  }

  public boolean hasMessage() {
    return message != null;
  }

  public boolean hasError(String field) {
    return errors.containsKey(field);
  }

  /** The documents a document field offers: photos only for a photo field. */
  public List<Document> choicesFor(FormField field) {
    if (field.kind() == FormField.Kind.PHOTOS) {
      return choices.stream().filter(d -> d.contentType().startsWith("image/")).toList();
    }
    return choices;
  }

  public boolean chosen(FormField field, String docId) {
    return input.values(field.name()).contains(docId);
  }

  public boolean consented() {
    return Signature.from(input).consented();
  }

  /** How many problems the summary at the top lists: each field's, and the signature. */
  public int problemCount() {
    return errors.size() + (signatureMissing() ? 1 : 0);
  }

  public boolean signatureMissing() {
    return Signature.REQUIRED.equals(message);
  }
}

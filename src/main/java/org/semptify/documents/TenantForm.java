package org.semptify.documents;

import java.util.List;
import java.util.Map;
import org.semptify.i18n.Translator;
import org.semptify.ops.EventType;
import org.semptify.vault.Document;
import org.semptify.web.Problems;

/**
 * One of the signed tenant forms: its fields, the checks beyond them, and how its answers become a
 * document. Implementations hold no state.
 */
public interface TenantForm {
  /** The name in its routes ({@code /resources/<name>}), events and certificates. */
  String name();

  String title();

  /** One or two sentences above the form: what it is for and who receives it. */
  String intro();

  List<FormField> fields();

  /** The event logged when one is saved ({@code <name>_saved}). */
  EventType savedEvent();

  /** Values the empty form starts with, besides today's date. */
  default Map<String, String> defaults() {
    return Map.of();
  }

  /** Checks beyond each field's own rules, added to {@code problems}. */
  default void check(FormInput input, Problems problems) {}

  /**
   * The document, from answers that passed validation.
   *
   * @param attached the vault documents chosen in each document field, in the order chosen
   * @param t the language the document is written in
   */
  DocumentContent compose(
      FormInput input, Map<String, List<Document>> attached, Signature signature, Translator t);

  /** The date the signer states the document was executed. */
  default String executedDate(FormInput input) {
    return input.trimmed("date");
  }

  /**
   * What to offer once it is saved, besides opening it: pages pre-filled for the next steps.
   *
   * @param pdfDocId the saved PDF
   */
  default List<FollowUp> followUps(FormInput input, String pdfDocId, Translator t) {
    return List.of();
  }

  /** The first part of the saved files' names, without extension. */
  default String fileStem(FormInput input) {
    return name().replace('_', '-') + "-" + executedDate(input);
  }
}

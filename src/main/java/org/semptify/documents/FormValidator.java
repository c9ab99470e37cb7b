package org.semptify.documents;

import org.semptify.i18n.Message;
import org.semptify.web.Problems;

/** The rules every form field follows, by kind; messages are shown beside the field. */
public final class FormValidator {
  static final int MAX_CHOSEN_DOCUMENTS = 52;
  private static final Message OPTIONS = Message.of("validation.options");

  private FormValidator() {}

  /** A message for every field that fails; empty when the form is acceptable. */
  public static Problems validate(TenantForm form, FormInput input) {
    Problems problems = Problems.collect();
    for (FormField field : form.fields()) {
      check(field, input, problems);
    }
    form.check(input, problems);
    return problems;
  }

  private static void check(FormField field, FormInput input, Problems problems) {
    String name = field.name();
    String value = input.trimmed(name);
    switch (field.kind()) {
      case TEXT, TEXTAREA:
        if (field.required()) {
          problems.required(name, value, Problems.REQUIRED);
        }
        problems.maxLength(name, value, field.maxLength());
        break;
      case DATE:
        if (field.required()) {
          problems.required(name, value, Problems.REQUIRED);
        }
        problems.optionalDate(name, value);
        break;
      case CHECKBOXES:
        if (!field.options().containsAll(input.values(name))) {
          problems.add(name, OPTIONS);
        }
        break;
      default:
        boolean wellFormed =
            input.values(name).stream().allMatch(id -> id.matches("d_[0-9a-z]{22}"));
        if (!wellFormed || input.values(name).size() > MAX_CHOSEN_DOCUMENTS) {
          problems.add(name, Message.of("validation.tooManyDocuments", MAX_CHOSEN_DOCUMENTS));
        }
    }
  }
}

package org.semptify.documents;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Map;
import org.semptify.i18n.Message;

/** The rules every form field follows, by kind; messages are shown beside the field. */
public final class FormValidator {
  static final Message REQUIRED = Message.of("validation.required");
  public static final Message BAD_DATE = Message.of("validation.date");

  /** The message above a form whose fields have messages beside them. */
  public static final Message FIX_FIELDS = Message.of("validation.fixFields");

  static final int MAX_CHOSEN_DOCUMENTS = 52;
  private static final DateTimeFormatter ISO_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private FormValidator() {}

  /** Field name → message for every field that fails; empty when the form is acceptable. */
  static Map<String, Message> validate(TenantForm form, FormInput input) {
    Map<String, Message> errors = new LinkedHashMap<>();
    for (FormField field : form.fields()) {
      Message message = check(field, input);
      if (message != null) {
        errors.put(field.name(), message);
      }
    }
    form.check(input).forEach(errors::putIfAbsent);
    return errors;
  }

  private static Message check(FormField field, FormInput input) {
    String value = input.trimmed(field.name());
    switch (field.kind()) {
      case TEXT, TEXTAREA:
        if (field.required() && value.isEmpty()) {
          return REQUIRED;
        }
        return value.codePointCount(0, value.length()) > field.maxLength()
            ? Message.of("validation.tooLong", field.maxLength())
            : null;
      case DATE:
        if (value.isEmpty()) {
          return field.required() ? REQUIRED : null;
        }
        return isDate(value) ? null : BAD_DATE;
      case CHECKBOXES:
        return field.options().containsAll(input.values(field.name()))
            ? null
            : Message.of("validation.options");
      default:
        boolean wellFormed =
            input.values(field.name()).stream().allMatch(id -> id.matches("d_[0-9a-z]{22}"));
        return wellFormed && input.values(field.name()).size() <= MAX_CHOSEN_DOCUMENTS
            ? null
            : Message.of("validation.tooManyDocuments", MAX_CHOSEN_DOCUMENTS);
    }
  }

  /** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
  public static boolean isDate(String value) {
    try {
      LocalDate.parse(value, ISO_DATE);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}

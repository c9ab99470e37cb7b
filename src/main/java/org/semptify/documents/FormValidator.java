package org.semptify.documents;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Map;

/** The rules every form field follows, by kind; messages are shown beside the field. */
public final class FormValidator {
  static final String REQUIRED = "This field is required.";
  public static final String BAD_DATE = "Enter a real date like 2026-03-31.";

  /** The message above a form whose fields have messages beside them. */
  public static final String FIX_FIELDS =
      "Some answers need attention: see the messages beside them.";

  static final int MAX_CHOSEN_DOCUMENTS = 52;
  private static final DateTimeFormatter ISO_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private FormValidator() {}

  /** Field name → message for every field that fails; empty when the form is acceptable. */
  static Map<String, String> validate(TenantForm form, FormInput input) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (FormField field : form.fields()) {
      String message = check(field, input);
      if (message != null) {
        errors.put(field.name(), message);
      }
    }
    form.check(input).forEach(errors::putIfAbsent);
    return errors;
  }

  private static String check(FormField field, FormInput input) {
    String value = input.trimmed(field.name());
    switch (field.kind()) {
      case TEXT, TEXTAREA:
        if (field.required() && value.isEmpty()) {
          return REQUIRED;
        }
        return value.codePointCount(0, value.length()) > field.maxLength()
            ? "Keep this under " + field.maxLength() + " characters."
            : null;
      case DATE:
        if (value.isEmpty()) {
          return field.required() ? REQUIRED : null;
        }
        return isDate(value) ? null : BAD_DATE;
      case CHECKBOXES:
        return field.options().containsAll(input.values(field.name()))
            ? null
            : "Choose from the listed options.";
      default:
        boolean wellFormed =
            input.values(field.name()).stream().allMatch(id -> id.matches("d_[0-9a-z]{22}"));
        return wellFormed && input.values(field.name()).size() <= MAX_CHOSEN_DOCUMENTS
            ? null
            : "Choose up to " + MAX_CHOSEN_DOCUMENTS + " documents from your vault.";
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

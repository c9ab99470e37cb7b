package org.semptify.documents;

import java.util.List;

/**
 * One field of a tenant form: what the page shows and what validation requires.
 *
 * @param options the choices of a {@link Kind#CHECKBOXES} field
 */
public record FormField(
    String name,
    String label,
    Kind kind,
    boolean required,
    int maxLength,
    String hint,
    List<String> options) {

  /** How a field is entered. */
  public enum Kind {
    TEXT,
    TEXTAREA,
    DATE,
    CHECKBOXES,
    /** A choice of documents already in the user's vault. */
    DOCUMENTS,
    /** A choice of photos already in the user's vault. */
    PHOTOS;

    public boolean choosesDocuments() {
      return this == DOCUMENTS || this == PHOTOS;
    }
  }

  static FormField text(String name, String label, boolean required, int maxLength) {
    return new FormField(name, label, Kind.TEXT, required, maxLength, "", List.of());
  }

  static FormField textarea(String name, String label, boolean required, int maxLength) {
    return new FormField(name, label, Kind.TEXTAREA, required, maxLength, "", List.of());
  }

  static FormField date(String name, String label) {
    return new FormField(name, label, Kind.DATE, true, 10, "", List.of());
  }

  FormField withHint(String text) {
    return new FormField(name, label, kind, required, maxLength, text, options);
  }

  static FormField checkboxes(String name, String label, List<String> options) {
    return new FormField(name, label, Kind.CHECKBOXES, false, 100, "", options);
  }

  static FormField documents(String name, String label, Kind kind) {
    return new FormField(name, label, kind, false, 100, "", List.of());
  }

  public boolean isChecked(FormInput input, String option) {
    return input.values(name).contains(option);
  }
}

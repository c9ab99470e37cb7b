package org.semptify.vault.web;

import io.javalin.http.BadRequestResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Validation of the optional text fields that come with an upload. */
final class FormText {
  private FormText() {}

  static String optional(String value, int maxLength) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String clean = value.strip().replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "");
    if (clean.codePointCount(0, clean.length()) > maxLength) {
      throw new BadRequestResponse("a field is longer than " + maxLength + " characters");
    }
    return clean;
  }

  static String isoDate(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip()).toString();
    } catch (DateTimeParseException e) {
      throw new BadRequestResponse("event_date must be a date like 2026-03-31");
    }
  }
}

package org.semptify.documents;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.semptify.i18n.Language;

/**
 * Dates as the body of a document writes them, in the document's language: "November 30, 2026" /
 * "30 de noviembre de 2026". ISO dates stay in footers and certificates only. Month names are
 * spelled here, as in {@link org.semptify.i18n.Formats}, so every runtime writes the same text.
 */
public final class LongDate {
  private static final String[] MONTHS_EN = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December"
  };
  private static final String[] MONTHS_ES = {
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"
  };

  private LongDate() {}

  public static String of(Language language, LocalDate date) {
    int month = date.getMonthValue() - 1;
    return language == Language.ES
        ? date.getDayOfMonth() + " de " + MONTHS_ES[month] + " de " + date.getYear()
        : MONTHS_EN[month] + " " + date.getDayOfMonth() + ", " + date.getYear();
  }

  /** A calendar date ("2026-11-30"); text that is not one is returned as it is. */
  public static String of(Language language, String iso) {
    if (iso == null || iso.isBlank()) {
      return "";
    }
    try {
      return of(language, LocalDate.parse(iso.strip()));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  /** A moment ("2026-11-02T10:15:00Z") as its UTC date and time: "November 2, 2026, 10:15 UTC". */
  public static String moment(Language language, String iso) {
    if (iso == null || iso.length() <= 10) {
      return of(language, iso);
    }
    try {
      var utc = Instant.parse(iso).atZone(ZoneOffset.UTC);
      return of(language, utc.toLocalDate())
          + String.format(Locale.ROOT, ", %02d:%02d UTC", utc.getHour(), utc.getMinute());
    } catch (DateTimeParseException e) {
      return iso;
    }
  }
}

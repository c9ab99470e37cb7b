package org.semptify.i18n;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Numbers, sizes, amounts and dates as a reader of each language writes them: "341 KB" / "1,5 MB",
 * "$1,250.50" / "1.250,50 $", "Nov 2, 2026" / "2 nov 2026". Month names are spelled here, not taken
 * from the JDK's locale data, so that pages and PDFs read the same on every runtime.
 */
public final class Formats {
  private static final String[] MONTHS_EN = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };
  private static final String[] MONTHS_ES = {
    "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"
  };
  private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

  /** A plain amount once its grouping is removed: whole units and at most two decimals. */
  private static final Pattern PLAIN = Pattern.compile("\\d{1,15}(\\.\\d{1,2})?");

  private Formats() {}

  /** "812 bytes", "341 KB", "1.5 MB" / "1,5 MB", "2 GB" (units of 1024). */
  public static String size(Language language, long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit + 1 < UNITS.length) {
      value /= 1024;
      unit++;
    }
    BigDecimal rounded =
        BigDecimal.valueOf(value).setScale(value < 10 ? 1 : 0, RoundingMode.HALF_UP);
    if (rounded.scale() > 0 && rounded.remainder(BigDecimal.ONE).signum() == 0) {
      rounded = rounded.setScale(0, RoundingMode.UNNECESSARY);
    }
    String digits = rounded.toPlainString();
    if (language == Language.ES) {
      digits = digits.replace('.', ',');
    }
    return digits + " " + UNITS[unit];
  }

  /**
   * A calendar date ("2026-11-02") or a moment ("2026-11-02T10:15:00Z", its UTC date) as "Nov 2,
   * 2026" / "2 nov 2026"; text that is neither is returned as it is.
   */
  public static String date(Language language, String iso) {
    if (iso == null || iso.isBlank()) {
      return "";
    }
    LocalDate date;
    try {
      date =
          iso.length() > 10
              ? Instant.parse(iso).atZone(ZoneOffset.UTC).toLocalDate()
              : LocalDate.parse(iso);
    } catch (DateTimeParseException e) {
      return iso;
    }
    return date(language, date);
  }

  public static String date(Language language, LocalDate date) {
    int month = date.getMonthValue() - 1;
    return language == Language.ES
        ? date.getDayOfMonth() + " " + MONTHS_ES[month] + " " + date.getYear()
        : MONTHS_EN[month] + " " + date.getDayOfMonth() + ", " + date.getYear();
  }

  /** A moment's date and UTC time: "Nov 2, 2026, 10:15 UTC" / "2 nov 2026, 10:15 UTC". */
  public static String dateTime(Language language, long epochSeconds) {
    var moment = Instant.ofEpochSecond(epochSeconds).atZone(ZoneOffset.UTC);
    return date(language, moment.toLocalDate())
        + String.format(
            java.util.Locale.ROOT, ", %02d:%02d UTC", moment.getHour(), moment.getMinute());
  }

  /** "$1,250.50", "-$12.00" in English; "1.250,50 $", "-12,00 $" in Spanish. */
  public static String money(Language language, long cents) {
    String digits =
        String.format(java.util.Locale.ROOT, "%,.2f", BigDecimal.valueOf(Math.abs(cents), 2));
    if (language == Language.ES) {
      // swap the separators: 1,250.50 -> 1.250,50
      digits = digits.replace(',', ' ').replace('.', ',').replace(' ', '.');
      return (cents < 0 ? "-" : "") + digits + " $";
    }
    return (cents < 0 ? "-$" : "$") + digits;
  }

  /**
   * Cents, or -1 when {@code text} is not a positive amount with at most two decimals written the
   * English way: an optional dollar sign and correctly grouped thousands ("$1,234.50").
   */
  public static long parseMoney(String text) {
    String value = text.strip();
    if (value.startsWith("$")) {
      value = value.substring(1).strip();
    }
    return plainCents(withoutGrouping(value, ',', '.'));
  }

  /**
   * Cents, or -1: an amount written the way {@code language} writes it. Spanish: "1.250,50",
   * "1250,50", "1.250" (a dollar sign before or after is allowed); an amount that is only valid the
   * English way ("1250.50", "1,250.50") is accepted too, as long as it cannot mean anything else in
   * Spanish.
   */
  public static long parseMoney(Language language, String text) {
    if (language != Language.ES) {
      return parseMoney(text);
    }
    String value = text.strip();
    if (value.startsWith("$")) {
      value = value.substring(1).strip();
    } else if (value.endsWith("$")) {
      value = value.substring(0, value.length() - 1).strip();
    }
    String spanish = withoutGrouping(value, '.', ',');
    long cents = plainCents(spanish == null ? null : spanish.replace(',', '.'));
    return cents >= 0 ? cents : parseMoney(value);
  }

  /** The hint shown next to an amount field: the format this language expects. */
  public static String moneyExample(Language language) {
    return money(language, 125050);
  }

  private static long plainCents(String digits) {
    if (digits == null || !PLAIN.matcher(digits).matches()) {
      return -1;
    }
    BigDecimal cents = new BigDecimal(digits).movePointRight(2);
    if (cents.compareTo(BigDecimal.valueOf(100_000_000_000L)) > 0) {
      return -1;
    }
    return cents.longValueExact();
  }

  /**
   * The amount without its thousands separators {@code group}, or null when one is misplaced
   * ("1,2"): each must be followed by exactly three digits before the next one or the decimal
   * separator {@code decimal}.
   */
  private static String withoutGrouping(String amount, char group, char decimal) {
    int point = amount.indexOf(decimal);
    String whole = point < 0 ? amount : amount.substring(0, point);
    if (whole.indexOf(group) < 0) {
      return amount;
    }
    String[] groups = whole.split(Pattern.quote(String.valueOf(group)), -1);
    if (groups[0].isEmpty() || groups[0].length() > 3) {
      return null;
    }
    StringBuilder digits = new StringBuilder(groups[0]);
    for (int i = 1; i < groups.length; i++) {
      if (groups[i].length() != 3) {
        return null;
      }
      digits.append(groups[i]);
    }
    return point < 0 ? digits.toString() : digits + amount.substring(point);
  }
}

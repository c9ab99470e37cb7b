package org.semptify.records;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.semptify.i18n.Message;

/**
 * Amounts as integer cents. Input is a positive amount with at most two decimals, optionally with a
 * dollar sign and correctly grouped thousands ("$1,234.50"); anything else is refused rather than
 * rounded.
 */
public final class Money {
  public static final Message INVALID = Message.of("validation.amount");

  /** A ledger line above a billion dollars is a typo, not rent. */
  static final long MAX_CENTS = 100_000_000_000L;

  private static final Pattern PLAIN = Pattern.compile("\\d{1,15}(\\.\\d{1,2})?");

  private Money() {}

  /** Cents, or -1 when the text is not a valid amount. */
  static long parseCents(String text) {
    String value = text.strip();
    String digits = withoutGrouping(value.startsWith("$") ? value.substring(1) : value);
    if (digits == null || !PLAIN.matcher(digits).matches()) {
      return -1;
    }
    BigDecimal cents = new BigDecimal(digits).movePointRight(2);
    if (cents.compareTo(BigDecimal.valueOf(MAX_CENTS)) > 0) {
      return -1;
    }
    return cents.longValueExact();
  }

  /**
   * The amount without its thousands separators, or null when a comma is misplaced ("1,2"): each
   * comma must be followed by exactly three digits before the next comma or the decimal point.
   */
  private static String withoutGrouping(String amount) {
    int point = amount.indexOf('.');
    String whole = point < 0 ? amount : amount.substring(0, point);
    if (whole.indexOf(',') < 0) {
      return amount;
    }
    String[] groups = whole.split(",", -1);
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

  /** "1234.50", "-12.00": plain, for forms and CSV. */
  public static String format(long cents) {
    return BigDecimal.valueOf(cents, 2).toPlainString();
  }

  /** "$1,234.50", "-$12.00": for people. */
  public static String display(long cents) {
    String digits =
        String.format(java.util.Locale.ROOT, "%,.2f", BigDecimal.valueOf(Math.abs(cents), 2));
    return (cents < 0 ? "-$" : "$") + digits;
  }
}

package org.semptify.records;

import java.math.BigDecimal;
import org.semptify.i18n.Message;

/**
 * Amounts as integer cents. Input is a positive amount with at most two decimals, optionally with a
 * dollar sign and correctly grouped thousands ("$1,234.50"); anything else is refused rather than
 * rounded.
 */
public final class Money {
  public static final Message INVALID = Message.of("validation.amount");

  private Money() {}

  /** Cents, or -1 when the text is not a valid amount written the English way. */
  public static long parseCents(String text) {
    return org.semptify.i18n.Formats.parseMoney(text);
  }

  /**
   * Cents, or -1: an amount as a reader of {@code language} writes it ("1.250,50" in Spanish), or
   * the English way.
   */
  public static long parseCents(org.semptify.i18n.Language language, String text) {
    return org.semptify.i18n.Formats.parseMoney(language, text);
  }

  /** "1234.50", "-12.00": plain, for forms and CSV. */
  public static String format(long cents) {
    return BigDecimal.valueOf(cents, 2).toPlainString();
  }

  /** "$1,234.50", "-$12.00": for people. */
  public static String display(long cents) {
    return org.semptify.i18n.Formats.money(org.semptify.i18n.Language.EN, cents);
  }
}

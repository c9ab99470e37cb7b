package org.semptify.records;

/**
 * One line of the rent ledger. Money is integer cents, never floating point.
 *
 * @param type rent, fee, payment or credit
 * @param receiptDocId a vault document that proves it, or null
 */
public record LedgerEntry(
    String id, String date, String type, long amountCents, String note, String receiptDocId) {

  /** What this entry does to the balance: charges raise it, payments and credits lower it. */
  long signedCents() {
    return LedgerEntry.isCharge(type) ? amountCents : -amountCents;
  }

  static boolean isCharge(String type) {
    return type.equals("rent") || type.equals("fee");
  }

  public String amount() {
    return Money.format(amountCents);
  }
}

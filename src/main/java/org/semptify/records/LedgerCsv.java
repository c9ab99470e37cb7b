package org.semptify.records;

import java.util.List;

/**
 * The ledger as RFC 4180 CSV (CRLF line ends, fields quoted when needed, quotes doubled), with a
 * guard against spreadsheet formula injection in the free-text columns.
 */
public final class LedgerCsv {
  private LedgerCsv() {}

  public static String render(LedgerView view) {
    StringBuilder csv = new StringBuilder("date,type,amount,note,receipt_doc_id,balance\r\n");
    for (LedgerView.Row row : view.rows()) {
      LedgerEntry entry = row.entry();
      csv.append(
              String.join(
                  ",",
                  List.of(
                      field(entry.date()),
                      field(entry.type()),
                      Money.format(entry.amountCents()),
                      field(text(entry.note())),
                      field(entry.receiptDocId() == null ? "" : entry.receiptDocId()),
                      Money.format(row.balanceCents()))))
          .append("\r\n");
    }
    return csv.toString();
  }

  /** A spreadsheet runs a cell that starts with = + - @ as a formula; a leading ' stops it. */
  private static String text(String value) {
    if (value == null) {
      return "";
    }
    return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
  }

  static String field(String value) {
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\n")
        || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}

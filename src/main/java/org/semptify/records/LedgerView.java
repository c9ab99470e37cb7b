package org.semptify.records;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The ledger as shown: entries in date order (ties in the order entered) with the balance after
 * each, the totals, and the balance chart's geometry.
 */
public final class LedgerView {
  /** An entry and the balance after it. */
  public record Row(LedgerEntry entry, long balanceCents) {
    public String balance() {
      return Money.display(balanceCents);
    }

    public String amount() {
      return Money.display(entry.amountCents());
    }
  }

  private final List<Row> rows;
  private final long rentCents;
  private final long feeCents;
  private final long paymentCents;
  private final long creditCents;

  public LedgerView(List<LedgerEntry> entries) {
    List<LedgerEntry> ordered = new ArrayList<>(entries); // stable: equal dates keep entry order
    ordered.sort(Comparator.comparing(LedgerEntry::date));
    List<Row> built = new ArrayList<>();
    long balance = 0;
    long rent = 0;
    long fee = 0;
    long payment = 0;
    long credit = 0;
    for (LedgerEntry entry : ordered) {
      balance = Math.addExact(balance, entry.signedCents());
      built.add(new Row(entry, balance));
      switch (entry.type()) {
        case "rent" -> rent = Math.addExact(rent, entry.amountCents());
        case "fee" -> fee = Math.addExact(fee, entry.amountCents());
        case "payment" -> payment = Math.addExact(payment, entry.amountCents());
        default -> credit = Math.addExact(credit, entry.amountCents());
      }
    }
    this.rows = List.copyOf(built);
    this.rentCents = rent;
    this.feeCents = fee;
    this.paymentCents = payment;
    this.creditCents = credit;
  }

  public List<Row> rows() {
    return rows;
  }

  public long chargedCents() {
    return rentCents + feeCents;
  }

  public long paidCents() {
    return paymentCents;
  }

  public long creditCents() {
    return creditCents;
  }

  /** rent + fees − payments − credits: what the tenant owes (negative: in credit). */
  public long balanceCents() {
    return rentCents + feeCents - paymentCents - creditCents;
  }

  public String charged() {
    return Money.display(chargedCents());
  }

  public String paid() {
    return Money.display(paidCents());
  }

  public String credits() {
    return Money.display(creditCents());
  }

  public String balance() {
    return Money.display(balanceCents());
  }

  // The chart: an SVG the server draws, so it works without JavaScript.
  static final int CHART_WIDTH = 600;
  static final int CHART_HEIGHT = 200;
  private static final int PAD = 20;

  /** The polyline's points, "x,y x,y …", one per entry. */
  public String chartPoints() {
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      points
          .append(String.format(Locale.ROOT, "%.1f,%.1f", x(i), y(rows.get(i).balanceCents())))
          .append(' ');
    }
    return points.toString().strip();
  }

  /** The y of the zero line. */
  public String chartZero() {
    return String.format(Locale.ROOT, "%.1f", y(0));
  }

  public int chartWidth() {
    return CHART_WIDTH;
  }

  public int chartHeight() {
    return CHART_HEIGHT;
  }

  /** One point of the chart, in SVG coordinates. */
  public record Point(String x, String y) {}

  /** A dot per entry, so that a single entry (no line yet) still shows. */
  public List<Point> chartDots() {
    List<Point> dots = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      dots.add(
          new Point(
              String.format(Locale.ROOT, "%.1f", x(i)),
              String.format(Locale.ROOT, "%.1f", y(rows.get(i).balanceCents()))));
    }
    return dots;
  }

  /** The chart's text alternative: {@code prefix}, then every point in words. */
  public String chartDescription(String prefix, String none) {
    if (rows.isEmpty()) {
      return none;
    }
    StringBuilder text = new StringBuilder(prefix);
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      text.append(row.entry().date()).append(' ').append(row.balance());
      text.append(i + 1 < rows.size() ? "; " : ".");
    }
    return text.toString();
  }

  private double x(int index) {
    return rows.size() < 2
        ? CHART_WIDTH / 2.0
        : PAD + index * (CHART_WIDTH - 2.0 * PAD) / (rows.size() - 1);
  }

  private double y(long cents) {
    long max = Math.max(0, rows.stream().mapToLong(Row::balanceCents).max().orElse(0));
    long min = Math.min(0, rows.stream().mapToLong(Row::balanceCents).min().orElse(0));
    double span = Math.max(1, (double) max - min);
    return PAD + (max - cents) / span * (CHART_HEIGHT - 2.0 * PAD);
  }
}

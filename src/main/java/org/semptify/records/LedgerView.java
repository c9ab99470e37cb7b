package org.semptify.records;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.semptify.i18n.Translator;

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

  // The chart: an SVG the server draws, so it works without JavaScript. The plot area leaves room
  // on the left for the amounts axis and at the bottom for the dates axis.
  static final int CHART_WIDTH = 600;
  static final int CHART_HEIGHT = 240;
  private static final int LEFT = 140; // room for "-12.345,67 $" at the chart's label size
  private static final int RIGHT = 20;
  private static final int TOP = 44;
  private static final int BOTTOM = 60;

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
    return number(y(0));
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
      dots.add(new Point(number(x(i)), number(y(rows.get(i).balanceCents()))));
    }
    return dots;
  }

  /**
   * A labelled mark on an axis: where it is, what it says, and which end of the text sits there
   * (SVG {@code text-anchor}), so that the first and last dates stay inside the chart.
   */
  public record Tick(String x, String y, String label, String anchor) {}

  /** The amounts axis: the highest balance, zero, and the lowest when it is below zero. */
  public List<Tick> chartAmountTicks(Translator t) {
    List<Tick> ticks = new ArrayList<>();
    long max = maxCents();
    long min = minCents();
    String at = number(LEFT - 8.0);
    if (max > 0) {
      ticks.add(new Tick(at, number(y(max) + 4), t.money(max), "end"));
    }
    ticks.add(new Tick(at, number(y(0) + 4), t.money(0), "end"));
    if (min < 0) {
      ticks.add(new Tick(at, number(y(min) + 4), t.money(min), "end"));
    }
    return ticks;
  }

  /** The dates axis: the first and the last entry's dates. */
  public List<Tick> chartDateTicks(Translator t) {
    List<Tick> ticks = new ArrayList<>();
    if (rows.isEmpty()) {
      return ticks;
    }
    String at = number(CHART_HEIGHT - BOTTOM + 20.0);
    if (rows.size() == 1) {
      ticks.add(new Tick(number(x(0)), at, t.date(rows.get(0).entry().date()), "middle"));
      return ticks;
    }
    ticks.add(new Tick(number(x(0)), at, t.date(rows.get(0).entry().date()), "start"));
    int last = rows.size() - 1;
    ticks.add(new Tick(number(x(last)), at, t.date(rows.get(last).entry().date()), "end"));
    return ticks;
  }

  /** Where the axes are drawn: the plot area's left, right, top and bottom edges. */
  public record Frame(String left, String right, String top, String bottom) {}

  public Frame chartFrame() {
    return new Frame(
        number(LEFT), number(CHART_WIDTH - RIGHT), number(TOP), number(CHART_HEIGHT - BOTTOM));
  }

  /** The x and y of the axis titles: dates centred under the plot, amounts at its top left. */
  public Point chartDateTitle() {
    return new Point(number((LEFT + CHART_WIDTH - RIGHT) / 2.0), number(CHART_HEIGHT - 10.0));
  }

  /** The chart's text alternative: {@code prefix}, then every point in words. */
  public String chartDescription(String prefix, String none, Translator t) {
    if (rows.isEmpty()) {
      return none;
    }
    StringBuilder text = new StringBuilder(prefix);
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      text.append(t.date(row.entry().date())).append(": ").append(t.money(row.balanceCents()));
      text.append(i + 1 < rows.size() ? "; " : ".");
    }
    return text.toString();
  }

  private long maxCents() {
    return Math.max(0, rows.stream().mapToLong(Row::balanceCents).max().orElse(0));
  }

  private long minCents() {
    return Math.min(0, rows.stream().mapToLong(Row::balanceCents).min().orElse(0));
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private double x(int index) {
    double width = CHART_WIDTH - LEFT - RIGHT;
    return rows.size() < 2 ? LEFT + width / 2 : LEFT + index * width / (rows.size() - 1);
  }

  private double y(long cents) {
    long max = maxCents();
    long min = minCents();
    double span = Math.max(1, (double) max - min);
    return TOP + (max - cents) / span * (CHART_HEIGHT - TOP - BOTTOM);
  }
}

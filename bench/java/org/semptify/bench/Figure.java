package org.semptify.bench;

import java.util.Locale;

/**
 * One measured figure, what it is measured against, and the goal it is judged by.
 *
 * @param ceiling the reference figure (a machine limit, the original's figure or a goal), or NaN
 * @param ceilingLabel what the ceiling is
 * @param goal the goal for this figure, or null when it has none
 */
record Figure(
    String scenario, double value, String unit, double ceiling, String ceilingLabel, Goal goal) {

  Figure(String scenario, double value, String unit, double ceiling, String ceilingLabel) {
    this(scenario, value, unit, ceiling, ceilingLabel, null);
  }

  /** value ÷ ceiling, or NaN when there is no ceiling. */
  double ratio() {
    return Double.isNaN(ceiling) || ceiling == 0 ? Double.NaN : value / ceiling;
  }

  /** "met", "missed", or "" without a goal. */
  String status() {
    return goal == null ? "" : goal.metBy(this) ? "met" : "missed";
  }

  Figure withGoal(Goal goal) {
    return new Figure(scenario, value, unit, ceiling, ceilingLabel, goal);
  }

  /**
   * A goal: the value (or the ratio to the ceiling) at most or at least a bound; {@link #and} joins
   * two that must both hold.
   */
  record Goal(String text, java.util.function.Predicate<Figure> test) {
    static Goal atMost(double bound, String unit) {
      return new Goal("< " + number(bound) + " " + unit, f -> f.value() < bound);
    }

    static Goal atLeast(double bound, String unit) {
      return new Goal(">= " + number(bound) + " " + unit, f -> f.value() >= bound);
    }

    static Goal ratioAtLeast(double bound) {
      return new Goal("ratio >= " + number(bound), f -> f.ratio() >= bound);
    }

    static Goal ratioAtMost(double bound) {
      return new Goal("ratio <= " + number(bound), f -> f.ratio() <= bound);
    }

    Goal and(Goal other) {
      return new Goal(text + " and " + other.text, f -> test.test(f) && other.test.test(f));
    }

    boolean metBy(Figure figure) {
      return test.test(figure);
    }

    private static String number(double value) {
      return value == Math.rint(value)
          ? String.format(Locale.ROOT, "%,d", (long) value)
          : String.format(Locale.ROOT, "%.2f", value);
    }
  }
}

package org.semptify.bench;

/**
 * One measured figure and what it is measured against.
 *
 * @param ceiling the reference figure (a machine limit, the original's figure or a goal), or NaN
 * @param ceilingLabel what the ceiling is
 */
record Figure(String scenario, double value, String unit, double ceiling, String ceilingLabel) {

  /** value ÷ ceiling, or NaN when there is no ceiling. */
  double ratio() {
    return Double.isNaN(ceiling) || ceiling == 0 ? Double.NaN : value / ceiling;
  }
}

package org.semptify.i18n;

import java.math.BigDecimal;
import java.util.List;

/**
 * The ICU-style pattern language of the message bundles, in the subset they use: {@code {0}} is
 * replaced by the first argument, and {@code {0, plural, one {# día} other {# días}}} chooses a
 * form by the number (selectors {@code =N}, {@code one}, {@code other}; {@code #} is the number).
 * The pattern is read once, left to right; arguments are inserted as they are and never read as a
 * pattern, so an argument holding {@code {1}} stays {@code {1}}. Apostrophes are ordinary letters.
 */
final class MessagePattern {
  private MessagePattern() {}

  static String format(String pattern, List<Object> args) {
    StringBuilder out = new StringBuilder(pattern.length() + 16);
    append(pattern, 0, pattern.length(), args, null, out);
    return out.toString();
  }

  /** Fails when {@code pattern} is not well formed (unbalanced braces, a bad plural). */
  static void check(String pattern) {
    format(pattern, List.of());
  }

  /** Appends {@code pattern[from, to)}; {@code number} is what {@code #} stands for, or null. */
  private static void append(
      String pattern, int from, int to, List<Object> args, Object number, StringBuilder out) {
    int i = from;
    while (i < to) {
      char c = pattern.charAt(i);
      if (c == '{') {
        int close = matching(pattern, i, to);
        argument(pattern, i + 1, close, args, out);
        i = close + 1;
      } else if (c == '}') {
        throw new IllegalArgumentException("unbalanced } in message: " + pattern);
      } else if (c == '#' && number != null) {
        out.append(text(number));
        i++;
      } else {
        out.append(c);
        i++;
      }
    }
  }

  /** {@code {n}} or {@code {n, plural, ...}}, given as the text between the braces. */
  private static void argument(
      String pattern, int from, int to, List<Object> args, StringBuilder out) {
    int comma = pattern.indexOf(',', from);
    String index = pattern.substring(from, comma < 0 || comma > to ? to : comma).strip();
    if (!index.matches("\\d{1,2}")) {
      throw new IllegalArgumentException("bad placeholder {" + index + "} in: " + pattern);
    }
    int n = Integer.parseInt(index);
    if (comma < 0 || comma > to) {
      if (n < args.size()) {
        out.append(text(args.get(n)));
      } else {
        out.append('{').append(n).append('}'); // a missing value shows where it belongs
      }
      return;
    }
    int second = pattern.indexOf(',', comma + 1);
    if (second < 0
        || second > to
        || !pattern.substring(comma + 1, second).strip().equals("plural")) {
      throw new IllegalArgumentException("only {n} and {n, plural, ...} are supported: " + pattern);
    }
    Object value = n < args.size() ? args.get(n) : null;
    plural(pattern, second + 1, to, value, args, out);
  }

  /** Chooses the branch for {@code value}: an exact {@code =N} first, then one/other. */
  private static void plural(
      String pattern, int from, int to, Object value, List<Object> args, StringBuilder out) {
    BigDecimal number = number(value);
    String category = number != null && number.compareTo(BigDecimal.ONE) == 0 ? "one" : "other";
    int chosenFrom = -1;
    int chosenTo = -1;
    boolean exact = false;
    int otherFrom = -1;
    int otherTo = -1;
    int i = from;
    while (true) {
      while (i < to && Character.isWhitespace(pattern.charAt(i))) {
        i++;
      }
      if (i >= to) {
        break;
      }
      int open = pattern.indexOf('{', i);
      if (open < 0 || open >= to) {
        throw new IllegalArgumentException("plural branch without text in: " + pattern);
      }
      String selector = pattern.substring(i, open).strip();
      int close = matching(pattern, open, to);
      if (selector.startsWith("=")) {
        if (!exact
            && number != null
            && new BigDecimal(selector.substring(1)).compareTo(number) == 0) {
          chosenFrom = open + 1;
          chosenTo = close;
          exact = true;
        }
      } else if (selector.equals("other")) {
        otherFrom = open + 1;
        otherTo = close;
      } else if (selector.equals("one")) {
        if (!exact && category.equals("one")) {
          chosenFrom = open + 1;
          chosenTo = close;
        }
      } else {
        throw new IllegalArgumentException("unknown plural selector " + selector + ": " + pattern);
      }
      i = close + 1;
    }
    if (otherFrom < 0) {
      throw new IllegalArgumentException("a plural needs an 'other' branch: " + pattern);
    }
    if (chosenFrom < 0) {
      chosenFrom = otherFrom;
      chosenTo = otherTo;
    }
    append(pattern, chosenFrom, chosenTo, args, value == null ? "#" : value, out);
  }

  /** The index of the brace that closes the one at {@code open}. */
  private static int matching(String pattern, int open, int to) {
    int depth = 0;
    for (int i = open; i < to; i++) {
      char c = pattern.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced { in message: " + pattern);
  }

  private static BigDecimal number(Object value) {
    if (value instanceof Number) {
      try {
        return new BigDecimal(value.toString());
      } catch (NumberFormatException e) {
        return null; // NaN, infinities
      }
    }
    return null;
  }

  private static String text(Object value) {
    return String.valueOf(value);
  }
}

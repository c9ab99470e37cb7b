package org.semptify.ops;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Prometheus text format (0.0.4), written as UTF-8 bytes straight into one array that the
 * response then sends in one write: the text that does not change between scrapes (each metric's
 * {@code # HELP} and {@code # TYPE} lines, each histogram series' labels and each bucket's {@code
 * le}) is encoded once, and numbers are written as ASCII digits here. The bytes are the same as the
 * client library's writer writes for the same values ({@code MetricsExpositionTest} compares them,
 * and compares with goldens written by the earlier implementation, which went through the library's
 * registry snapshot, then a String, then its UTF-8 encoding).
 *
 * <p>One instance per scrape, used by one thread.
 */
final class MetricsText extends ByteArrayOutputStream {
  /** Below this, {@link Double#toString(double)} of a whole number is its digits and ".0". */
  private static final long PLAIN_LIMIT = 10_000_000L;

  private static final byte[] MIN_LONG =
      Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

  MetricsText(int size) {
    super(size);
  }

  void append(byte[] bytes) {
    int length = bytes.length;
    ensure(length);
    System.arraycopy(bytes, 0, buf, count, length);
    count += length;
  }

  void append(char ascii) {
    ensure(1);
    buf[count++] = (byte) ascii;
  }

  /** {@code value} in decimal, as {@link Long#toString(long)} writes it. */
  void appendLong(long value) {
    if (value == Long.MIN_VALUE) {
      append(MIN_LONG);
      return;
    }
    if (value < 0) {
      append('-');
      value = -value;
    }
    int digits = 1;
    for (long rest = value / 10; rest != 0; rest /= 10) {
      digits++;
    }
    ensure(digits);
    int end = count + digits;
    for (int at = end - 1; at >= count; at--) {
      buf[at] = (byte) ('0' + (int) (value % 10));
      value /= 10;
    }
    count = end;
  }

  /**
   * A counter's value as the library writes it, {@code Double.toString((double) value)}: whole
   * numbers below 10,000,000 are written as their digits and {@code .0} without going through
   * {@link Double#toString(double)}; larger ones are in its exponent form.
   */
  void appendCount(long value) {
    if (value >= 0 && value < PLAIN_LIMIT) {
      appendLong(value);
      append('.');
      append('0');
    } else {
      appendDouble((double) value);
    }
  }

  /** As the library writes a double: {@code +Inf}, {@code -Inf}, {@code NaN} or its Java text. */
  void appendDouble(double value) {
    append(ascii(number(value)));
  }

  private void ensure(int more) {
    if (count + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
    }
  }

  static String number(double value) {
    if (value == Double.POSITIVE_INFINITY) {
      return "+Inf";
    }
    if (value == Double.NEGATIVE_INFINITY) {
      return "-Inf";
    }
    return Double.isNaN(value) ? "NaN" : Double.toString(value);
  }

  /** {@code # HELP name help} (help escaped) and {@code # TYPE name type}, one line each. */
  static byte[] header(String name, String help, String type) {
    StringBuilder out = new StringBuilder();
    if (help != null) {
      out.append("# HELP ").append(name).append(' ');
      for (int i = 0; i < help.length(); i++) {
        char c = help.charAt(i);
        if (c == '\\') {
          out.append("\\\\");
        } else if (c == '\n') {
          out.append("\\n");
        } else {
          out.append(c);
        }
      }
      out.append('\n');
    }
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return utf8(out.toString());
  }

  /** A label value between its quotes: backslash, double quote and newline escaped. */
  static String labelValue(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '"') {
        out.append("\\\"");
      } else if (c == '\n') {
        out.append("\\n");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}

package org.semptify.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Load from Debian's wrk in its own process: requests per second and latency percentiles. */
final class Wrk {
  static final int THREADS = 2;
  static final int CONNECTIONS = 32;

  /** What one run measured. Latencies in milliseconds. */
  record Run(double requestsPerSecond, double p50Millis, double p99Millis, long non2xx) {}

  private Wrk() {}

  /** A warm-up run (a third as long, discarded: JIT, pools, caches), then the measured one. */
  static Run run(String url, int seconds, String... headers)
      throws IOException, InterruptedException {
    once(url, Math.max(1, seconds / 3), headers);
    return once(url, seconds, headers);
  }

  private static Run once(String url, int seconds, String... headers)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of("wrk", "-t" + THREADS, "-c" + CONNECTIONS, "-d" + seconds + "s", "--latency"));
    for (String header : headers) {
      command.add("-H");
      command.add(header);
    }
    command.add(url);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("wrk failed: " + out);
    }
    return new Run(
        number(out, "Requests/sec:\\s+([0-9.]+)"),
        millis(out, "50%"),
        millis(out, "99%"),
        (long) number(out, "Non-2xx or 3xx responses:\\s+([0-9]+)", 0));
  }

  private static double millis(String out, String percentile) {
    Matcher m =
        Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no " + percentile + " in wrk output:\n" + out);
    }
    double value = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> value / 1000;
      case "s" -> value * 1000;
      default -> value;
    };
  }

  private static double number(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no match for " + regex + " in wrk output:\n" + out);
    }
    return Double.parseDouble(m.group(1));
  }

  private static double number(String out, String regex, double otherwise) {
    Matcher m = Pattern.compile(regex).matcher(out);
    return m.find() ? Double.parseDouble(m.group(1)) : otherwise;
  }
}

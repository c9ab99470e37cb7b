package org.semptify.ops;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Prometheus metrics the seed names, kept here (no global registry). Each counter is a typed
 * field, so a misspelt metric fails to compile; the names on {@code /metrics} (with their {@code
 * _total} suffix) are public interface and stay as the seed lists them.
 *
 * <p>{@code GET /metrics} writes the current values straight into bytes ({@link MetricsText}), in
 * the order and format of the Prometheus client library's registry and text writer, which this
 * class used before: a scrape no longer builds the library's snapshot objects, a String and its
 * UTF-8 copy (they were most of the cost of a scrape). {@code MetricsExpositionTest} keeps the
 * bytes those of the library for the same operations.
 */
public final class Metrics {
  /** The text format's media type, as the client library names it (a test compares the two). */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Histogram bucket upper bounds (seconds); +Inf follows. */
  static final double[] DURATION_BOUNDS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  static final String DURATION_NAME = "request_duration_seconds";
  static final String DURATION_HELP = "Time to answer HTTP requests, by route template and method";
  static final String UPTIME_NAME = "uptime_seconds";
  static final String UPTIME_HELP = "Seconds since the server started";

  private final List<Count> counters = new ArrayList<>();

  private final Count requests = counter("requests_total", "HTTP requests received, all routes");
  public final Count adminRequests =
      counter("admin_requests_total", "Authenticated requests to admin endpoints");
  public final Count adminActions =
      counter("admin_actions_total", "State-changing admin actions performed");
  public final Count errors =
      counter(
          "errors_total",
          "Application errors: unhandled exceptions and failed admin authentication");
  public final Count rateLimited = counter("rate_limited_total", "Requests denied by a rate limit");
  public final Count breakglassUsed =
      counter("breakglass_used_total", "Breakglass (one-shot emergency) admin tokens consumed");
  public final Count tokenRotations = counter("token_rotations_total", "Admin tokens rotated");
  public final Count usersRegistered =
      counter("users_registered_total", "Anonymous accounts created");
  public final Count vaultUploads = counter("vault_uploads_total", "Documents stored in vaults");
  public final Count documentsSaved =
      counter("documents_saved_total", "Signed tenant forms saved as PDF and text into vaults");
  public final Count vaultUploadBytes =
      counter(
          "vault_upload_bytes_total", "Bytes of documents stored in vaults (before encryption)");
  public final Count vaultDownloads =
      counter("vault_downloads_total", "Documents downloaded from vaults");
  public final Count vaultsDeleted =
      counter("vaults_deleted_total", "Vaults deleted for good by their owner or an operator");

  private final RequestDurations requestDuration = new RequestDurations();
  private final Clock clock;
  private final long startMillis;
  private final byte[] uptimeHeader = MetricsText.header(UPTIME_NAME, UPTIME_HELP, "gauge");
  private final byte[] uptimeSample = MetricsText.utf8(UPTIME_NAME + " ");

  /** Every metric family in the order the library's registry writes them: by name. */
  private final Family[] families;

  /** The size of the last scrape: the next one's buffer starts at about this size. */
  private volatile int lastSize = 4096;

  /** One counter, known by its field; {@link #name()} is how it appears on {@code /metrics}. */
  public static final class Count {
    private final String name;
    private final String help;
    private final LongAdder value = new LongAdder();
    private final byte[] header;
    private final byte[] sample;

    private Count(String name, String help) {
      this.name = name;
      this.help = help;
      this.header = MetricsText.header(name, help, "counter");
      this.sample = MetricsText.utf8(name + " ");
    }

    public void inc() {
      value.increment();
    }

    public void add(long amount) {
      if (amount < 0) {
        throw new IllegalArgumentException(
            "Negative increment " + amount + " is illegal for Counter metrics.");
      }
      value.add(amount);
    }

    public String name() {
      return name;
    }

    String help() {
      return help;
    }

    public long value() {
      return value.sum();
    }

    private void write(MetricsText out) {
      out.append(header);
      out.append(sample);
      out.appendCount(value.sum());
      out.append('\n');
    }
  }

  /** A metric family on {@code /metrics}, with the name the library sorts it by. */
  private interface Family {
    String sortName();

    void write(MetricsText out);
  }

  public Metrics(Clock clock) {
    this.clock = clock;
    this.startMillis = clock.millis();
    List<Family> all = new ArrayList<>();
    for (Count count : counters) {
      // The library knows a counter by its name without "_total", and sorts by that.
      String sortName = count.name.substring(0, count.name.length() - "_total".length());
      all.add(family(sortName, count::write));
    }
    all.add(family(UPTIME_NAME, this::writeUptime));
    all.add(family(DURATION_NAME, requestDuration::write));
    all.sort(Comparator.comparing(Family::sortName));
    this.families = all.toArray(Family[]::new);
  }

  private static Family family(String sortName, java.util.function.Consumer<MetricsText> writer) {
    return new Family() {
      @Override
      public String sortName() {
        return sortName;
      }

      @Override
      public void write(MetricsText out) {
        writer.accept(out);
      }
    };
  }

  private Count counter(String name, String help) {
    if (!name.endsWith("_total")) {
      throw new IllegalArgumentException("a counter's name ends with _total: " + name);
    }
    Count count = new Count(name, help);
    counters.add(count);
    return count;
  }

  /** HTTP's methods; any other name a client sends is counted as {@value #OTHER_METHOD}. */
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE");

  static final String OTHER_METHOD = "other";

  public void requestFinished(String route, String method, double seconds) {
    requests.inc();
    // A method is whatever token a client sends: each new one would be a series of its own.
    requestDuration.observe(route, METHODS.contains(method) ? method : OTHER_METHOD, seconds);
  }

  /** Current value of every counter, for the admin dashboard and status API. */
  public Map<String, Long> counterSnapshot() {
    Map<String, Long> snapshot = new LinkedHashMap<>();
    counters.forEach(count -> snapshot.put(count.name(), count.value()));
    return snapshot;
  }

  /**
   * The text exposition format, as served on {@code /metrics}: the values at this moment, as UTF-8
   * bytes in one buffer (its {@link ByteArrayOutputStream#writeTo} sends them in one write).
   */
  public ByteArrayOutputStream exposition() {
    MetricsText out = new MetricsText(lastSize + 256);
    for (Family family : families) {
      family.write(out);
    }
    lastSize = out.size();
    return out;
  }

  /** {@link #exposition()} as text. */
  public String scrape() {
    return exposition().toString(StandardCharsets.UTF_8);
  }

  List<Count> counters() {
    return List.copyOf(counters);
  }

  private void writeUptime(MetricsText out) {
    out.append(uptimeHeader);
    out.append(uptimeSample);
    out.appendDouble((clock.millis() - startMillis) / 1000.0);
    out.append('\n');
  }

  /**
   * {@code request_duration_seconds{route,method}}: a classic histogram per route template and
   * method. Each series counts under its own lock, so a scrape reads its buckets, count and sum as
   * of one moment (as the library's histogram did).
   */
  static final class RequestDurations {
    private static final byte[] HEADER =
        MetricsText.header(DURATION_NAME, DURATION_HELP, "histogram");
    private static final byte[] BUCKET = MetricsText.utf8(DURATION_NAME + "_bucket{");
    private static final byte[] COUNT = MetricsText.utf8(DURATION_NAME + "_count{");
    private static final byte[] SUM = MetricsText.utf8(DURATION_NAME + "_sum{");
    private static final byte[] CLOSE = MetricsText.utf8("} ");

    /** {@code ,le="0.001"} } and so on, +Inf last. */
    private static final byte[][] LE = new byte[DURATION_BOUNDS.length + 1][];

    static {
      for (int i = 0; i <= DURATION_BOUNDS.length; i++) {
        double bound = i < DURATION_BOUNDS.length ? DURATION_BOUNDS[i] : Double.POSITIVE_INFINITY;
        LE[i] = MetricsText.utf8(",le=\"" + MetricsText.number(bound) + "\"} ");
      }
    }

    /** route → method → series; looked up per request without allocating. */
    private final Map<String, Map<String, Series>> byRoute = new ConcurrentHashMap<>();

    /** Every series, in the library's order: by method, then route (its labels' values). */
    private volatile List<Series> sorted = List.of();

    void observe(String route, String method, double seconds) {
      Map<String, Series> byMethod = byRoute.get(route);
      Series series = byMethod == null ? null : byMethod.get(method);
      if (series == null) {
        series = add(route, method);
      }
      series.observe(seconds);
    }

    private synchronized Series add(String route, String method) {
      Map<String, Series> byMethod = byRoute.computeIfAbsent(route, r -> new ConcurrentHashMap<>());
      Series series = byMethod.get(method);
      if (series == null) {
        series = new Series(route, method);
        byMethod.put(method, series);
        List<Series> next = new ArrayList<>(sorted);
        next.add(series);
        next.sort(
            Comparator.comparing((Series s) -> s.method).thenComparing((Series s) -> s.route));
        sorted = List.copyOf(next);
      }
      return series;
    }

    void write(MetricsText out) {
      List<Series> all = sorted;
      if (all.isEmpty()) {
        return; // as the library: a histogram without series is not written at all
      }
      out.append(HEADER);
      long[] counts = new long[LE.length];
      for (int s = 0; s < all.size(); s++) {
        Series series = all.get(s);
        double sum = series.read(counts);
        long cumulative = 0;
        for (int i = 0; i < counts.length; i++) {
          cumulative += counts[i];
          out.append(BUCKET);
          out.append(series.labels);
          out.append(LE[i]);
          out.appendLong(cumulative);
          out.append('\n');
        }
        out.append(COUNT);
        out.append(series.labels);
        out.append(CLOSE);
        out.appendLong(cumulative);
        out.append('\n');
        out.append(SUM);
        out.append(series.labels);
        out.append(CLOSE);
        out.appendDouble(sum);
        out.append('\n');
      }
    }
  }

  /** One route and method: its bucket counts (not cumulative) and the sum of what it observed. */
  private static final class Series {
    private final String route;
    private final String method;

    /** {@code method="GET",route="/health"}, escaped and encoded once. */
    private final byte[] labels;

    private final long[] counts = new long[DURATION_BOUNDS.length + 1];
    private double sum;

    Series(String route, String method) {
      this.route = route;
      this.method = method;
      this.labels =
          MetricsText.utf8(
              "method=\""
                  + MetricsText.labelValue(method)
                  + "\",route=\""
                  + MetricsText.labelValue(route)
                  + "\"");
    }

    /** As the library's classic histogram: NaN is ignored; the first bound not below counts it. */
    synchronized void observe(double value) {
      if (Double.isNaN(value)) {
        return;
      }
      int bucket = 0;
      while (bucket < DURATION_BOUNDS.length && value > DURATION_BOUNDS[bucket]) {
        bucket++;
      }
      counts[bucket]++;
      sum += value;
    }

    /** Copies the bucket counts into {@code into} and returns the sum, as of one moment. */
    synchronized double read(long[] into) {
      System.arraycopy(counts, 0, into, 0, counts.length);
      return sum;
    }
  }
}

package org.semptify.ops;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Prometheus metrics the seed names, in a registry of their own (no global state). Counter
 * names are given with their {@code _total} suffix as they appear on {@code /metrics}.
 */
public final class Metrics {
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Map<String, Counter> counters = new LinkedHashMap<>();
  private final Counter requests;
  private final Counter errors;
  private final Histogram requestDuration;

  public Metrics(Clock clock) {
    requests = counter("requests_total", "HTTP requests received, all routes");
    counter("admin_requests_total", "Authenticated requests to admin endpoints");
    counter("admin_actions_total", "State-changing admin actions performed");
    errors =
        counter(
            "errors_total",
            "Application errors: unhandled exceptions and failed admin authentication");
    counter("rate_limited_total", "Requests denied by a rate limit");
    counter("breakglass_used_total", "Breakglass (one-shot emergency) admin tokens consumed");
    counter("token_rotations_total", "Admin tokens rotated");
    counter("users_registered_total", "Anonymous accounts created");
    counter("vault_uploads_total", "Documents stored in vaults");
    counter("documents_saved_total", "Signed tenant forms saved as PDF and text into vaults");
    counter("vault_upload_bytes_total", "Bytes of documents stored in vaults (before encryption)");
    counter("vault_downloads_total", "Documents downloaded from vaults");
    requestDuration =
        Histogram.builder()
            .name("request_duration_seconds")
            .help("Time to answer HTTP requests, by route template and method")
            .labelNames("route", "method")
            .classicOnly()
            .classicUpperBounds(
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .withoutExemplars()
            .register(registry);
    long startMillis = clock.millis();
    GaugeWithCallback.builder()
        .name("uptime_seconds")
        .help("Seconds since the server started")
        .callback(callback -> callback.call((clock.millis() - startMillis) / 1000.0))
        .register(registry);
  }

  private Counter counter(String name, String help) {
    Counter counter = Counter.builder().name(name).help(help).withoutExemplars().register(registry);
    counters.put(name, counter);
    return counter;
  }

  /** Increments the counter named as on {@code /metrics}, e.g. {@code rate_limited_total}. */
  public void increment(String name) {
    Counter counter = counters.get(name);
    if (counter == null) {
      throw new IllegalArgumentException("no counter " + name);
    }
    counter.inc();
  }

  /** Adds {@code amount} to the counter named as on {@code /metrics}. */
  public void add(String name, long amount) {
    Counter counter = counters.get(name);
    if (counter == null) {
      throw new IllegalArgumentException("no counter " + name);
    }
    counter.inc(amount);
  }

  public void requestFinished(String route, String method, double seconds) {
    requests.inc();
    requestDuration.labelValues(route, method).observe(seconds);
  }

  public void error() {
    errors.inc();
  }

  /** Current value of every counter, for the admin dashboard and status API. */
  public Map<String, Long> counterSnapshot() {
    Map<String, Long> snapshot = new LinkedHashMap<>();
    counters.forEach((name, counter) -> snapshot.put(name, counter.getLongValue()));
    return snapshot;
  }

  /** The text exposition format, as served on {@code /metrics}. */
  public String scrape() {
    return MetricsText.write(snapshots());
  }

  MetricSnapshots snapshots() {
    return registry.scrape();
  }
}

package org.semptify.ops;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference for {@code /metrics}: the same metrics (names, help, buckets) kept by the
 * Prometheus client library's own counters, gauge and histogram in its registry, and written by its
 * text writer, as {@link Metrics} did before it wrote the format itself.
 */
final class LibraryMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Map<String, Counter> counters = new HashMap<>();
  private final Counter requests;
  private final Histogram requestDuration;

  LibraryMetrics(Metrics metrics, Clock clock) {
    for (Metrics.Count count : metrics.counters()) {
      counters.put(
          count.name(),
          Counter.builder()
              .name(count.name())
              .help(count.help())
              .withoutExemplars()
              .register(registry));
    }
    requests = counters.get("requests_total");
    requestDuration =
        Histogram.builder()
            .name(Metrics.DURATION_NAME)
            .help(Metrics.DURATION_HELP)
            .labelNames("route", "method")
            .classicOnly()
            .classicUpperBounds(Metrics.DURATION_BOUNDS)
            .withoutExemplars()
            .register(registry);
    long startMillis = clock.millis();
    GaugeWithCallback.builder()
        .name(Metrics.UPTIME_NAME)
        .help(Metrics.UPTIME_HELP)
        .callback(callback -> callback.call((clock.millis() - startMillis) / 1000.0))
        .register(registry);
  }

  void apply(List<MetricsWorkload.Operation> ops) {
    for (MetricsWorkload.Operation op : ops) {
      if (op.counter() == null) {
        requests.inc();
        requestDuration.labelValues(op.route(), op.method()).observe(op.seconds());
      } else {
        counters.get(op.counter()).inc(op.amount());
      }
    }
  }

  /** What the library's writer writes for the registry's current values. */
  byte[] write() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create()
        .write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
    return out.toByteArray();
  }
}

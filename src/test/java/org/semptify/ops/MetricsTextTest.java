package org.semptify.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.semptify.testing.MutableClock;

/** /metrics is written by MetricsText: it must be byte for byte what the client library writes. */
class MetricsTextTest {
  @Test
  void writesExactlyWhatTheLibraryWriterWrites() throws Exception {
    MutableClock clock = MetricsWorkload.clock();
    Metrics metrics = new Metrics(clock);
    LibraryMetrics library = new LibraryMetrics(metrics, clock);
    // before any request: counters at zero, no histogram series
    assertThat(metrics.exposition().toByteArray()).isEqualTo(library.write());

    List<MetricsWorkload.Operation> ops = new ArrayList<>();
    ops.add(MetricsWorkload.Operation.request("/health", "GET", 0.0004));
    ops.add(MetricsWorkload.Operation.request("/health", "GET", 12.5)); // beyond the last bound
    ops.add(MetricsWorkload.Operation.request("/vault/files/{id}", "GET", 0.03));
    ops.add(MetricsWorkload.Operation.request("/odd \"route\" \\ with\nnewline", "POST", 0.2));
    ops.add(MetricsWorkload.Operation.add("users_registered_total", 1));
    ops.add(MetricsWorkload.Operation.add("vault_upload_bytes_total", 1_234_567_890_123L));
    ops.add(MetricsWorkload.Operation.add("errors_total", 1));
    MetricsWorkload.apply(ops, metrics);
    library.apply(ops);
    clock.advance(java.time.Duration.ofMillis(1_500));
    assertThat(metrics.exposition().toByteArray()).isEqualTo(library.write());
    assertThat(metrics.scrape())
        .contains("users_registered_total 1.0\n")
        .contains("uptime_seconds 1.5\n")
        .contains(
            "request_duration_seconds_bucket{method=\"GET\",route=\"/health\",le=\"+Inf\"} 2\n")
        .contains("route=\"/odd \\\"route\\\" \\\\ with\\nnewline\"");
  }

  @Test
  void oddObservationsAreCountedAsTheLibraryCountsThem() throws Exception {
    MutableClock clock = MetricsWorkload.clock();
    Metrics metrics = new Metrics(clock);
    LibraryMetrics library = new LibraryMetrics(metrics, clock);
    List<MetricsWorkload.Operation> ops = new ArrayList<>();
    for (double seconds :
        new double[] {
          Double.NaN,
          -1,
          -0.0,
          0,
          Double.MIN_VALUE,
          0.001,
          Math.nextUp(0.001),
          10,
          Math.nextUp(10.0),
          Double.MAX_VALUE,
          Double.POSITIVE_INFINITY
        }) {
      ops.add(MetricsWorkload.Operation.request("/edge", "GET", seconds));
    }
    ops.add(MetricsWorkload.Operation.request("/nan-only", "GET", Double.NaN));
    ops.add(MetricsWorkload.Operation.request("/max", "PUT", Double.MAX_VALUE));
    ops.add(MetricsWorkload.Operation.request("/max", "PUT", Double.MAX_VALUE)); // sum: +Inf
    ops.add(MetricsWorkload.Operation.request("/neg", "GET", Double.NEGATIVE_INFINITY));
    MetricsWorkload.apply(ops, metrics);
    library.apply(ops);
    assertThat(new String(metrics.exposition().toByteArray(), StandardCharsets.UTF_8))
        .isEqualTo(new String(library.write(), StandardCharsets.UTF_8));
  }

  @Test
  void countsAreWrittenAsDoubleToStringWritesThem() {
    List<Long> values = new ArrayList<>();
    for (long v = 0; v < 2_000; v++) {
      values.add(v);
    }
    for (long v = 9_999_000; v <= 10_001_000; v++) {
      values.add(v);
    }
    SplittableRandom random = new SplittableRandom(21);
    for (int i = 0; i < 20_000; i++) {
      values.add(random.nextLong(0, Long.MAX_VALUE) >>> random.nextInt(0, 63));
    }
    values.add(Long.MAX_VALUE);
    values.add((1L << 53) + 1);
    for (long value : values) {
      MetricsText out = new MetricsText(4);
      out.appendCount(value);
      assertThat(out.toString(StandardCharsets.US_ASCII))
          .as("count %d", value)
          .isEqualTo(Double.toString((double) value));
      MetricsText plain = new MetricsText(1);
      plain.appendLong(value);
      plain.appendLong(-value);
      assertThat(plain.toString(StandardCharsets.US_ASCII)).isEqualTo(value + "" + (-value));
    }
    MetricsText min = new MetricsText(1);
    min.appendLong(Long.MIN_VALUE);
    assertThat(min.toString(StandardCharsets.US_ASCII)).isEqualTo(Long.toString(Long.MIN_VALUE));
  }

  @Test
  void countersRefuseNegativeAmountsAsTheLibraryDid() {
    Metrics metrics = new Metrics(MetricsWorkload.clock());
    assertThatThrownBy(() -> metrics.errors.add(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(metrics.errors.value()).isZero();
  }

  @Test
  void typedCountersKeepTheirPublicNames() {
    Metrics metrics = new Metrics(java.time.Clock.systemUTC());
    metrics.rateLimited.inc();
    metrics.vaultUploadBytes.add(42);
    assertThat(metrics.rateLimited.name()).isEqualTo("rate_limited_total");
    assertThat(metrics.vaultUploadBytes.value()).isEqualTo(42);
    assertThat(metrics.counterSnapshot())
        .containsExactly(
            entry("requests_total", 0L),
            entry("admin_requests_total", 0L),
            entry("admin_actions_total", 0L),
            entry("errors_total", 0L),
            entry("rate_limited_total", 1L),
            entry("breakglass_used_total", 0L),
            entry("token_rotations_total", 0L),
            entry("users_registered_total", 0L),
            entry("vault_uploads_total", 0L),
            entry("documents_saved_total", 0L),
            entry("vault_upload_bytes_total", 42L),
            entry("vault_downloads_total", 0L),
            entry("vaults_deleted_total", 0L));
    assertThat(metrics.scrape()).contains("rate_limited_total 1.0\n");
  }

  @Test
  void theContentTypeIsTheLibrarys() {
    assertThat(Metrics.CONTENT_TYPE)
        .isEqualTo(io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter.CONTENT_TYPE);
  }
}

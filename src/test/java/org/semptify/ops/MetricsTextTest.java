package org.semptify.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** /metrics is written by MetricsText: it must be byte for byte what the client library writes. */
class MetricsTextTest {
  @Test
  void writesExactlyWhatTheLibraryWriterWrites() throws Exception {
    Metrics metrics =
        new Metrics(Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC));
    assertSame(metrics.snapshots()); // before any request: counters at zero, no histogram series

    metrics.requestFinished("/health", "GET", 0.0004);
    metrics.requestFinished("/health", "GET", 12.5); // beyond the last bound: only +Inf
    metrics.requestFinished("/vault/files/{id}", "GET", 0.03);
    metrics.requestFinished("/odd \"route\" \\ with\nnewline", "POST", 0.2);
    metrics.usersRegistered.inc();
    metrics.vaultUploadBytes.add(1_234_567_890_123L);
    metrics.errors.inc();
    MetricSnapshots snapshots = metrics.snapshots();
    assertSame(snapshots);
    assertThat(MetricsText.write(snapshots))
        .contains("users_registered_total 1.0\n")
        .contains(
            "request_duration_seconds_bucket{method=\"GET\",route=\"/health\",le=\"+Inf\"} 2\n")
        .contains("route=\"/odd \\\"route\\\" \\\\ with\\nnewline\"");
  }

  @Test
  void typedCountersKeepTheirPublicNames() {
    Metrics metrics = new Metrics(Clock.systemUTC());
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

  private static void assertSame(MetricSnapshots snapshots) throws Exception {
    ByteArrayOutputStream reference = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create()
        .write(reference, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
    assertThat(MetricsText.write(snapshots)).isEqualTo(reference.toString(StandardCharsets.UTF_8));
  }
}

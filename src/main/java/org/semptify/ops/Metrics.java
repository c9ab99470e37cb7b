package org.semptify.ops;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus metrics the seed names, in a registry of their own (no global state). Each counter
 * is a typed field, so a misspelt metric fails to compile; the names on {@code /metrics} (with
 * their {@code _total} suffix) are public interface and stay as the seed lists them.
 */
public final class Metrics {
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private final PrometheusRegistry registry = new PrometheusRegistry();
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

  private final Histogram requestDuration =
      Histogram.builder()
          .name("request_duration_seconds")
          .help("Time to answer HTTP requests, by route template and method")
          .labelNames("route", "method")
          .classicOnly()
          .classicUpperBounds(
              0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
          .withoutExemplars()
          .register(registry);

  /** One counter, known by its field; {@link #name()} is how it appears on {@code /metrics}. */
  public static final class Count {
    private final String name;
    private final Counter counter;

    private Count(String name, Counter counter) {
      this.name = name;
      this.counter = counter;
    }

    public void inc() {
      counter.inc();
    }

    public void add(long amount) {
      counter.inc(amount);
    }

    public String name() {
      return name;
    }

    public long value() {
      return counter.getLongValue();
    }
  }

  public Metrics(Clock clock) {
    long startMillis = clock.millis();
    GaugeWithCallback.builder()
        .name("uptime_seconds")
        .help("Seconds since the server started")
        .callback(callback -> callback.call((clock.millis() - startMillis) / 1000.0))
        .register(registry);
  }

  private Count counter(String name, String help) {
    Counter counter = Counter.builder().name(name).help(help).withoutExemplars().register(registry);
    Count count = new Count(name, counter);
    counters.add(count);
    return count;
  }

  public void requestFinished(String route, String method, double seconds) {
    requests.inc();
    requestDuration.labelValues(route, method).observe(seconds);
  }

  /** Current value of every counter, for the admin dashboard and status API. */
  public Map<String, Long> counterSnapshot() {
    Map<String, Long> snapshot = new LinkedHashMap<>();
    counters.forEach(count -> snapshot.put(count.name(), count.value()));
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

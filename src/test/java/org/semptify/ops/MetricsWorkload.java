package org.semptify.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.semptify.testing.MutableClock;

/**
 * A fixed, deterministic sequence of operations on {@link Metrics}: requests on many routes and
 * methods (odd labels, values on the bucket bounds, beyond the last bound, float milliseconds as
 * the pipeline passes them), every counter, large counter values, and a clock that moves. The
 * goldens in src/test/resources/metrics/ are what the earlier implementation (the client library's
 * registry and snapshot) wrote for it; {@code MetricsExpositionTest} holds the current one to those
 * bytes.
 */
final class MetricsWorkload {
  static final Instant START = Instant.ofEpochSecond(1_700_000_000);

  static final List<String> ROUTES =
      List.of(
          "/health",
          "/metrics",
          "/readyz",
          "/",
          "/api/vault",
          "/vault/files/{id}",
          "/admin/users/{id}",
          "/static/*",
          "unmatched",
          "/a",
          "/a/b",
          "/A",
          "/odd \"route\" \\ with\nnewline",
          "/caf\u00e9-\u00e4\u20ac");
  static final List<String> METHODS = List.of("GET", "HEAD", "POST", "DELETE");

  private MetricsWorkload() {}

  /** One request that finished, or an amount added to a counter (by its public name). */
  record Operation(String route, String method, double seconds, String counter, long amount) {
    static Operation request(String route, String method, double seconds) {
      return new Operation(route, method, seconds, null, 0);
    }

    static Operation add(String counter, long amount) {
      return new Operation(null, null, 0, counter, amount);
    }
  }

  /** Requests, then counters, in a fixed order. */
  static List<Operation> operations() {
    List<Operation> ops = new ArrayList<>();
    // Values on the bounds, between them and past the last one.
    ops.add(Operation.request("/health", "GET", 0.0004));
    ops.add(Operation.request("/health", "GET", 12.5));
    ops.add(Operation.request("/health", "GET", 0.001));
    ops.add(Operation.request("/health", "GET", 10));
    ops.add(Operation.request("/metrics", "GET", 0.0025));
    ops.add(Operation.request("/vault/files/{id}", "GET", 0.03));
    ops.add(Operation.request("/odd \"route\" \\ with\nnewline", "POST", 0.2));
    ops.add(Operation.request("/caf\u00e9-\u00e4\u20ac", "GET", 0));
    // Many more, spread with a fixed linear congruential sequence; float milliseconds / 1000.0 as
    // RequestPipeline passes them, so the sums are not round.
    long seed = 42;
    for (int i = 0; i < 5_000; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      int r = (int) (seed >>> 33);
      String route = ROUTES.get(Math.floorMod(r, ROUTES.size()));
      String method = METHODS.get(Math.floorMod(r >>> 8, 3 + (route.startsWith("/a") ? 1 : 0)));
      float millis = (Math.floorMod(r >>> 4, 3_000_000)) / 997f;
      ops.add(Operation.request(route, method, millis / 1000.0));
    }
    ops.add(Operation.add("admin_requests_total", 3));
    ops.add(Operation.add("admin_actions_total", 1));
    ops.add(Operation.add("errors_total", 9_999_999)); // the last value written without exponent
    ops.add(Operation.add("rate_limited_total", 10_000_000)); // the first one written with one
    ops.add(Operation.add("breakglass_used_total", 1));
    ops.add(Operation.add("token_rotations_total", 123_456_789_012L));
    ops.add(Operation.add("users_registered_total", 100_000));
    ops.add(Operation.add("vault_uploads_total", 7));
    ops.add(Operation.add("documents_saved_total", 1));
    ops.add(Operation.add("vault_upload_bytes_total", 1_234_567_890_123L));
    ops.add(Operation.add("vault_downloads_total", (1L << 53) - 1));
    ops.add(Operation.add("vaults_deleted_total", 1L << 60)); // beyond a double's exact integers
    return ops;
  }

  /** How far the clock moves after the operations. */
  static final Duration ELAPSED = Duration.ofMillis(12_345_678);

  /** Applies {@code ops} to {@code metrics}, counters found by their public name. */
  static void apply(List<Operation> ops, Metrics metrics) {
    Map<String, Metrics.Count> counters = new HashMap<>();
    metrics.counters().forEach(count -> counters.put(count.name(), count));
    for (Operation op : ops) {
      if (op.counter() == null) {
        metrics.requestFinished(op.route(), op.method(), op.seconds());
      } else {
        counters.get(op.counter()).add(op.amount());
      }
    }
  }

  /** The workload of the goldens: {@link #operations()}, then the clock moves. */
  static void run(Metrics metrics, MutableClock clock) {
    apply(operations(), metrics);
    clock.advance(ELAPSED);
  }

  static MutableClock clock() {
    return new MutableClock(START);
  }
}

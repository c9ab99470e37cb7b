package org.semptify.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs every readiness check; the server is ready only when all of them pass. */
public final class Readiness {
  private final List<ReadinessCheck> checks;

  public Readiness(List<ReadinessCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  public Report evaluate() {
    Map<String, CheckResult> results = new LinkedHashMap<>();
    boolean ready = true;
    for (ReadinessCheck check : checks) {
      CheckResult result;
      try {
        result = check.check();
      } catch (RuntimeException e) {
        result = CheckResult.failed("check failed: " + e.getClass().getSimpleName());
      }
      results.put(check.name(), result);
      ready &= result.ok();
    }
    return new Report(ready, results);
  }

  /** {@code status} is {@code ready} or {@code degraded}, as the seed names them. */
  public record Report(boolean ready, Map<String, CheckResult> checks) {
    public String status() {
      return ready ? "ready" : "degraded";
    }

    /** The JSON body of {@code /readyz} (also shown on the admin status page). */
    public java.util.Map<String, Object> body() {
      java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
      body.put("status", status());
      body.put("checks", checks());
      return body;
    }
  }
}

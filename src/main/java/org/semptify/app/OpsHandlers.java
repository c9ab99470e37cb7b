package org.semptify.app;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.semptify.config.SecurityMode;
import org.semptify.ops.BuildInfo;
import org.semptify.ops.EpochSeconds;
import org.semptify.ops.Metrics;
import org.semptify.ops.Readiness;
import org.semptify.web.ResponseBody;

/**
 * Probes and build information: {@code /health}, {@code /healthz}, {@code /readyz}, {@code /info},
 * {@code /version}, {@code /metrics}.
 */
public final class OpsHandlers {
  private final Readiness readiness;
  private final Metrics metrics;
  private final BuildInfo build;
  private final SecurityMode mode;
  private final Clock clock;

  public OpsHandlers(
      Readiness readiness, Metrics metrics, BuildInfo build, SecurityMode mode, Clock clock) {
    this.readiness = readiness;
    this.metrics = metrics;
    this.build = build;
    this.mode = mode;
    this.clock = clock;
  }

  public void health(Context ctx) {
    ctx.contentType("text/plain; charset=utf-8").result("OK");
  }

  public void healthz(Context ctx) {
    ctx.json(Map.of("status", "ok", "time", now()));
  }

  public void readyz(Context ctx) {
    Readiness.Report report = readiness.evaluate();
    ctx.status(report.ready() ? 200 : 503).json(report.body());
  }

  public void version(Context ctx) {
    ctx.json(versionBody());
  }

  public void info(Context ctx) {
    Map<String, Object> body = versionBody();
    body.put("readiness", readiness.evaluate().body());
    ctx.json(body);
  }

  public void metrics(Context ctx) {
    ResponseBody.send(ctx, Metrics.CONTENT_TYPE, metrics.exposition());
  }

  private Map<String, Object> versionBody() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("app", "semptify");
    body.put("version", build.version());
    body.put("git_sha", build.gitSha());
    body.put("build_time", build.buildTime());
    body.put("security_mode", mode.wireName());
    return body;
  }

  private Object now() {
    return EpochSeconds.of(clock);
  }
}

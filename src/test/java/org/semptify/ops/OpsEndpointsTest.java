package org.semptify.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.RequiresTool;
import org.semptify.testing.TestServer;

/** /health, /healthz, /readyz, /info, /version and /metrics. */
class OpsEndpointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path root;
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(root);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void healthIsPlainOk() {
    HttpResponse<String> response = server.get("/health");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("OK");
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain");
  }

  @Test
  void madeUpMethodsShareOneSeriesSoMetricsStayBounded() {
    int before = server.get("/metrics").body().length();
    for (int i = 0; i < 20; i++) {
      server.send(
          server
              .request("/")
              .method("MADEUP" + "X".repeat(200) + i, HttpRequest.BodyPublishers.noBody())
              .build());
    }
    String metrics = server.get("/metrics").body();
    assertThat(metrics).doesNotContain("MADEUP").contains("method=\"other\"");
    assertThat(metrics.length()).as("one series more, not twenty").isLessThan(before + 3_000);
  }

  @Test
  void healthzIsJsonWithTime() throws Exception {
    HttpResponse<String> response = server.get("/healthz");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("status").asText()).isEqualTo("ok");
    assertThat(body.get("time").isNumber()).isTrue();
    assertThat(body.get("time").asDouble()).isGreaterThan(1.7e9);
    assertThat(response.body()).doesNotContain("E9");
  }

  @Test
  void readyzReportsEveryCheck() throws Exception {
    HttpResponse<String> response = server.get("/readyz");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("status").asText()).isEqualTo("ready");
    assertThat(body.get("checks").fieldNames())
        .toIterable()
        .contains(
            "security_writable",
            "logs_writable",
            "uploads_writable",
            "events_log",
            "admin_tokens.json",
            "users.json");
  }

  @Test
  void versionAndInfoCarryTheBuildStamp() throws Exception {
    JsonNode version = JSON.readTree(server.get("/version").body());
    assertThat(version.get("app").asText()).isEqualTo("semptify");
    assertThat(version.get("version").asText()).isNotBlank();
    assertThat(version.has("git_sha")).isTrue();
    assertThat(version.has("build_time")).isTrue();
    assertThat(version.get("security_mode").asText()).isEqualTo("enforced");

    JsonNode info = JSON.readTree(server.get("/info").body());
    assertThat(info.get("version").asText()).isEqualTo(version.get("version").asText());
    assertThat(info.get("readiness").get("status").asText()).isEqualTo("ready");
  }

  @Test
  void metricsExposeTheSeedsCountersWithHelpAndType() {
    server.get("/health");
    server.get("/health");
    HttpResponse<String> response = server.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain");
    String text = response.body();
    for (String counter :
        new String[] {
          "requests_total",
          "admin_requests_total",
          "admin_actions_total",
          "errors_total",
          "rate_limited_total",
          "breakglass_used_total",
          "token_rotations_total"
        }) {
      assertThat(text)
          .contains("# HELP " + counter + " ")
          .contains("# TYPE " + counter + " counter");
      assertThat(text).containsPattern("(?m)^" + counter + " [0-9.]+$");
    }
    assertThat(text).contains("# TYPE uptime_seconds gauge");
    assertThat(text).contains("# TYPE request_duration_seconds histogram");
    assertThat(text).contains("request_duration_seconds_count{method=\"GET\",route=\"/health\"} 2");
  }

  @Test
  void requestsTotalCountsEveryRequestIncludingUnknownPaths() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.get("/unknown/" + i);
    }
    server.get("/health");
    // A request is counted just after its response is written, so poll briefly.
    String text = server.get("/metrics").body();
    for (int attempt = 0; attempt < 50 && requestsTotal(text) < 4; attempt++) {
      Thread.sleep(20);
      text = server.get("/metrics").body();
    }
    assertThat(requestsTotal(text)).isGreaterThanOrEqualTo(4);
    assertThat(text).as("raw paths never become labels").doesNotContain("/unknown/");
    assertThat(text).contains("route=\"unmatched\"");
  }

  @Test
  void metricsAreSentWholeAsBeforePlainGzippedAndForHead() throws Exception {
    server.get("/health");
    // A request is counted just after its response is written: wait until /health is.
    for (int attempt = 0;
        attempt < 50 && !server.get("/metrics").body().contains("route=\"/health\"");
        attempt++) {
      Thread.sleep(20);
    }
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<byte[]> plain =
        client.send(
            server.request("/metrics").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(plain.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(plain.headers().firstValue("Content-Length"))
        .hasValue(String.valueOf(plain.body().length));
    String text = new String(plain.body(), StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith("# HELP admin_actions_total State-changing admin actions performed\n")
        .endsWith("vaults_deleted_total 0.0\n")
        .contains("request_duration_seconds_count{method=\"GET\",route=\"/health\"} 1\n");

    HttpResponse<byte[]> gzip =
        client.send(
            server.request("/metrics").header("Accept-Encoding", "gzip").GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .startsWith("# HELP admin_actions_total ")
          .contains("request_duration_seconds_count{method=\"GET\",route=\"/health\"} 1\n");
    }

    HttpResponse<byte[]> head =
        client.send(
            server.request("/metrics").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  private static double requestsTotal(String metrics) {
    return metrics
        .lines()
        .filter(line -> line.startsWith("requests_total "))
        .mapToDouble(line -> Double.parseDouble(line.substring("requests_total ".length())))
        .findFirst()
        .orElse(-1);
  }

  @Test
  @RequiresTool(
      value = "/usr/bin/promtool",
      install = "apt-get install prometheus; .ci/run installs it")
  void metricsPassPromtoolWhenInstalled() throws Exception {
    File promtool = new File("/usr/bin/promtool");
    server.get("/health");
    server.get("/nope");
    Path scraped = root.resolve("metrics.txt");
    Files.writeString(scraped, server.get("/metrics").body());
    Process process =
        new ProcessBuilder(promtool.getPath(), "check", "metrics")
            .redirectInput(scraped.toFile())
            .redirectErrorStream(true)
            .start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
  }
}

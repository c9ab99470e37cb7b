package org.semptify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semptify.app.ServerTestSupport.json;
import static org.semptify.app.ServerTestSupport.jsonLines;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semptify.testing.TestServer;

/** Request id, security headers, error mapping: what every response carries. */
class PipelineTest {
  private static final String LEAKED_TOKEN = "smpu_" + "A".repeat(43);

  @TempDir static Path root;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder(root)
            .extraRoutes(
                routes -> {
                  routes.get(
                      "/test/boom",
                      ctx -> {
                        throw new IllegalStateException("secret-input-in-message");
                      });
                  routes.get(
                      "/test/leaky",
                      ctx -> {
                        throw new IllegalStateException(
                            "fetching http://host/vault?x=1&user_token=plain-user-value&y=2 as "
                                + LEAKED_TOKEN,
                            new java.io.IOException(
                                "body {\"grant_token\":\"plain-grant-value\"} token=bare-value"));
                      });
                })
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyResponseCarriesSecurityHeaders() {
    for (String path : List.of("/health", "/readyz", "/nope", "/")) {
      HttpResponse<String> response = server.get(path);
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
      assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
      String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
      assertThat(csp)
          .contains("frame-ancestors 'none'")
          .contains("object-src 'none'")
          .contains("script-src 'self'")
          .doesNotContain("unsafe-inline");
      assertThat(response.headers().firstValue("Strict-Transport-Security"))
          .as("no HSTS over plain HTTP unless forced")
          .isEmpty();
    }
  }

  @Test
  void staticAssetsAreCacheable() {
    HttpResponse<String> response = server.get("/static/semptify.css");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void aSafeIncomingRequestIdIsEchoed() {
    HttpResponse<String> response =
        server.send(server.request("/health").header("X-Request-Id", "abc.DEF_123-x").build());
    assertThat(response.headers().firstValue("X-Request-Id")).hasValue("abc.DEF_123-x");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "has space",
        "semi;colon",
        "<script>",
        "quote\"d",
        "ünïcode",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void anUnsafeIncomingRequestIdIsReplaced(String unsafe) {
    HttpResponse<String> response =
        server.send(server.request("/nope").header("X-Request-Id", unsafe).build());
    String id = response.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(id).isNotEqualTo(unsafe).matches("[A-Za-z0-9._-]{1,64}");
    assertThat(json(response.body()).get("request_id").asText()).isEqualTo(id);
    assertThat(response.body()).doesNotContain(unsafe);
  }

  @Test
  void generatedRequestIdsDiffer() {
    String first = server.get("/health").headers().firstValue("X-Request-Id").orElseThrow();
    String second = server.get("/health").headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void notFoundIsJsonForProgramsAndHtmlForBrowsers() {
    HttpResponse<String> api = server.get("/no/such/page");
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    JsonNode body = json(api.body());
    assertThat(body.get("error").asText()).isEqualTo("not found");
    assertThat(body.get("request_id").asText())
        .isEqualTo(api.headers().firstValue("X-Request-Id").orElseThrow());

    HttpResponse<String> browser = server.getHtml("/no/such/page");
    assertThat(browser.statusCode()).isEqualTo(404);
    assertThat(browser.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(browser.body())
        .contains("not found")
        .contains("home page")
        // operator vocabulary: on admin pages only, while enforced (issue 16)
        .doesNotContain("SECURITY MODE");
  }

  @Test
  void wrongMethodIs405() {
    HttpResponse<String> response = server.post("/health", "");
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(json(response.body()).get("error").asText()).isEqualTo("method not allowed");
  }

  @Test
  void unhandledExceptionIs500WithoutStackTraceCountedAndLogged() {
    double errorsBefore = errorsTotal();
    HttpResponse<String> response = server.get("/test/boom");
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(json(response.body()).get("error").asText()).isEqualTo("internal server error");
    assertThat(response.body())
        .doesNotContain("IllegalStateException")
        .doesNotContain("secret-input")
        .doesNotContain("at org.");

    HttpResponse<String> browser = server.getHtml("/test/boom");
    assertThat(browser.statusCode()).isEqualTo(500);
    assertThat(browser.body())
        .doesNotContain("IllegalStateException")
        .contains("Nothing you saved was changed");

    assertThat(errorsTotal()).isEqualTo(errorsBefore + 2);
    List<JsonNode> errors =
        jsonLines(server.eventsLog()).stream()
            .filter(e -> e.get("event").asText().equals("error"))
            .filter(e -> e.get("payload").get("route").asText().equals("/test/boom"))
            .toList();
    assertThat(errors).hasSize(2);
    JsonNode first = errors.get(0);
    assertThat(first.get("payload").get("exception").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(first.get("payload").get("route").asText()).isEqualTo("/test/boom");
    assertThat(first.get("request_id").asText())
        .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    assertThat(server.eventsLog()).doesNotContain("secret-input-in-message");
  }

  @Test
  void unhandledExceptionsStackTraceGoesScrubbedToStderrAndInitLogUnderItsRequestId() {
    java.io.PrintStream stderr = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    HttpResponse<String> response;
    try {
      System.setErr(
          new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
      response =
          server.send(server.request("/test/leaky").header("X-Request-Id", "trace-1").build());
    } finally {
      System.setErr(stderr);
    }
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body())
        .contains("trace-1")
        .doesNotContain("IllegalStateException")
        .doesNotContain("at org.")
        .doesNotContain("plain-");

    String init = server.allLogsOf("init.log");
    String console = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    for (String log : List.of(init, console)) {
      assertThat(log)
          .contains("ERROR unhandled exception, request_id trace-1, GET /test/leaky")
          .contains(
              "java.lang.IllegalStateException: fetching http://host/vault?x=1&user_token=[redacted]&y=2")
          .contains("at org.semptify.")
          .contains(
              "Caused by: java.io.IOException: body {\"grant_token\":\"[redacted]\"} token=[redacted]")
          .doesNotContain(LEAKED_TOKEN)
          .doesNotContain("plain-user-value")
          .doesNotContain("plain-grant-value")
          .doesNotContain("bare-value");
    }
    assertThat(server.allLogs()).doesNotContain(LEAKED_TOKEN).doesNotContain("plain-");
  }

  private static double errorsTotal() {
    return server
        .get("/metrics")
        .body()
        .lines()
        .filter(line -> line.startsWith("errors_total "))
        .mapToDouble(line -> Double.parseDouble(line.substring("errors_total ".length())))
        .findFirst()
        .orElse(0);
  }

  @Test
  void homePageRenders() {
    HttpResponse<String> response = server.getHtml("/");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("Semptify")
        .doesNotContain("SECURITY MODE")
        .contains("href=\"/register\"")
        .contains("action=\"/vault/open\"")
        .contains("name=\"csrf_token\"");
  }
}

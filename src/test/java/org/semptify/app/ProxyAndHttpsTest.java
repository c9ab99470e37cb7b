package org.semptify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semptify.app.ServerTestSupport.jsonLines;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.TestServer;

/** SEMPTIFY_TRUST_PROXY, FORCE_HTTPS, HSTS and the client address. */
class ProxyAndHttpsTest {
  @TempDir Path root;

  @Test
  void forceHttpsSendsHstsEvenOnPlainHttp() {
    try (TestServer server =
        TestServer.builder(root).env("FORCE_HTTPS", "1").env("HSTS_MAX_AGE", "600").start()) {
      HttpResponse<String> response = server.get("/health");
      assertThat(response.statusCode()).as("no proxy trusted: not redirected").isEqualTo(200);
      assertThat(response.headers().firstValue("Strict-Transport-Security"))
          .hasValue("max-age=600; includeSubDomains");
    }
  }

  @Test
  void httpsThroughATrustedProxyGetsHsts() {
    try (TestServer server = TestServer.builder(root).env("SEMPTIFY_TRUST_PROXY", "1").start()) {
      HttpResponse<String> response =
          server.send(server.request("/health").header("X-Forwarded-Proto", "https").build());
      assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
    }
  }

  @Test
  void forwardedHeadersAreIgnoredWithoutTrust() {
    try (TestServer server = TestServer.builder(root).env("ACCESS_LOG_JSON", "1").start()) {
      HttpResponse<String> response =
          server.send(
              server
                  .request("/health")
                  .header("X-Forwarded-Proto", "https")
                  .header("X-Forwarded-For", "203.0.113.9")
                  .build());
      assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
      assertThat(jsonLines(server.awaitLog("access.log", "/health")).get(0).get("ip").asText())
          .isEqualTo("127.0.0.1");
    }
  }

  @Test
  void plainHttpThroughATrustedProxyIsRedirectedWhenForced() {
    try (TestServer server =
        TestServer.builder(root).env("FORCE_HTTPS", "1").env("SEMPTIFY_TRUST_PROXY", "1").start()) {
      HttpResponse<String> response =
          server.send(
              server
                  .request("/readyz?x=1")
                  .header("X-Forwarded-Proto", "http")
                  .header("X-Forwarded-Host", "semptify.example.org")
                  .build());
      assertThat(response.statusCode()).isEqualTo(301);
      assertThat(response.headers().firstValue("Location"))
          .hasValue("https://semptify.example.org/readyz?x=1");

      HttpResponse<String> secure =
          server.send(server.request("/health").header("X-Forwarded-Proto", "https").build());
      assertThat(secure.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void clientIpIsTheNthHopFromTheRight() {
    try (TestServer server =
        TestServer.builder(root)
            .env("SEMPTIFY_TRUST_PROXY", "2")
            .env("ACCESS_LOG_JSON", "1")
            .start()) {
      server.send(
          server
              .request("/health")
              .header("X-Forwarded-For", "6.6.6.6, 198.51.100.7, 10.0.0.2")
              .build());
      assertThat(jsonLines(server.awaitLog("access.log", "/health")).get(0).get("ip").asText())
          .isEqualTo("198.51.100.7");
    }
  }

  @Test
  void theForwardedHostFollowsTheTrustedHopRule() {
    try (TestServer server =
        TestServer.builder(root).env("FORCE_HTTPS", "1").env("SEMPTIFY_TRUST_PROXY", "1").start()) {
      // The client wrote the first line; the one trusted proxy appended the last one.
      HttpResponse<String> appended =
          server.send(
              server
                  .request("/health")
                  .header("X-Forwarded-Host", "evil.example")
                  .header("X-Forwarded-Host", "semptify.example.org")
                  .build());
      assertThat(appended.statusCode()).isEqualTo(301);
      assertThat(appended.headers().firstValue("Location"))
          .hasValue("https://semptify.example.org/health");
    }
    try (TestServer server =
        TestServer.builder(root).env("FORCE_HTTPS", "1").env("SEMPTIFY_TRUST_PROXY", "2").start()) {
      // Two proxies trusted, but the header holds one entry: it did not come through them.
      HttpResponse<String> tooFew =
          server.send(server.request("/health").header("X-Forwarded-Host", "evil.example").build());
      assertThat(tooFew.statusCode()).isEqualTo(301);
      assertThat(tooFew.headers().firstValue("Location"))
          .hasValue("https://127.0.0.1:" + server.app().port() + "/health");
    }
  }

  @Test
  void anUnsafeForwardedHostIsNeverUsedEvenRightAfterASafeOne() {
    try (TestServer server =
        TestServer.builder(root).env("FORCE_HTTPS", "1").env("SEMPTIFY_TRUST_PROXY", "1").start()) {
      String own = "https://127.0.0.1:" + server.app().port() + "/health";
      for (String[] forwarded :
          new String[][] {
            {"semptify.example.org", "https://semptify.example.org/health"},
            {"semptify.example.org/evil", own},
            {"semptify.example.org", "https://semptify.example.org/health"},
            {"semptify.example.org:443@evil", own},
            {"[::1]:8443", "https://[::1]:8443/health"},
            {"semptify_example.org", own}
          }) {
        HttpResponse<String> response =
            server.send(server.request("/health").header("X-Forwarded-Host", forwarded[0]).build());
        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location"))
            .as(forwarded[0])
            .hasValue(forwarded[1]);
      }
    }
  }
}

package org.semptify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.TestServer;

/** {@code /static/...}: the jar's assets, byte for byte, cacheable, and nothing else. */
class StaticAssetsTest {
  @TempDir static Path root;
  private static TestServer server;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = TestServer.start(root);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void servesEachAssetByteForByteWithItsTypeAndATag() throws Exception {
    assertServed("semptify.css", "text/css; charset=utf-8");
    assertServed("quick-exit.js", "text/javascript; charset=utf-8");
    assertServed("offline-es.html", "text/html; charset=utf-8");
    assertServed("icons/icon-192.png", "image/png");
  }

  @Test
  void aKnownTagGetsNotModifiedWithoutTheBody() throws Exception {
    HttpResponse<byte[]> first = get("/static/semptify.css", null);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches("W/\"[A-Za-z0-9_-]{16}\"");
    assertThat(first.headers().firstValue("Vary")).hasValue("Accept-Encoding");

    HttpResponse<byte[]> again = get("/static/semptify.css", "W/\"other\", " + etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("ETag")).hasValue(etag);
    assertThat(again.headers().firstValue("Content-Type").map(v -> v.replace(" ", "")))
        .as("a cache copies it onto the stored response")
        .hasValue("text/css;charset=utf-8");
    assertThat(get("/static/semptify.css", etag.substring(2)).statusCode())
        .as("the same tag, strong")
        .isEqualTo(304);

    assertThat(get("/static/semptify.css", "\"stale\"").statusCode()).isEqualTo(200);
    // Another asset's tag does not match this one.
    String scriptTag = get("/static/vault.js", null).headers().firstValue("ETag").orElseThrow();
    assertThat(scriptTag).isNotEqualTo(etag);
    assertThat(get("/static/semptify.css", scriptTag).statusCode()).isEqualTo(200);
  }

  @Test
  void missingFoldersTraversalAndUnknownTypesAreNotFoundAndNotCached() throws Exception {
    for (String path :
        new String[] {
          "/static/nope.css",
          "/static/icons",
          "/static/icons/",
          "/static/",
          "/static/%2e%2e/org/semptify/app/App.class",
          "/static/..%2fsemptify.css",
          "/static/icons/..%2F..%2Fi18n/messages_en.properties",
          "/static/semptify.css.bak",
          "/static/.hidden.css"
        }) {
      HttpResponse<byte[]> response = get(path, null);
      assertThat(response.statusCode()).as(path).isIn(400, 404);
      assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
    }
  }

  @Test
  void malformedPercentEncodingIsTheClientsErrorNotTheServers() throws Exception {
    for (String path :
        new String[] {
          "/static/%u002e%u002e/x.css",
          "/static/semptify%2.css",
          "/vault/files/%u0041",
          "/api/vault/%zz"
        }) {
      String answer = rawGet(path);
      assertThat(answer).as(path).startsWith("HTTP/1.1 400");
      assertThat(answer.toLowerCase(java.util.Locale.ROOT))
          .as(path)
          .contains("x-content-type-options: nosniff");
    }
    assertThat(server.eventsLog()).doesNotContain("\"event\":\"error\"");
  }

  /** A GET sent as written: java.net's clients refuse to send a malformed escape. */
  private static String rawGet(String path) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.uri("/").getPort())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(
          socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void refusesPathsOutsideTheAssetShapeWithoutTouchingTheClassLoader() {
    StaticAssets assets = new StaticAssets(new RefusingLoader(), "static/");
    for (String path :
        new String[] {"../App.class", "icons", "icons/", "a/../b.css", ".css", "x.exe", ""}) {
      assertThat(assets.find(path)).as(path).isEmpty();
    }
  }

  @Test
  void safePathsAreFoldersAndOneFileNameWithAnExtension() {
    for (String good :
        new String[] {"a.css", "icons/icon-192.png", "a/b/c_d-e.js", "offline-es.html", "x.y"}) {
      assertThat(StaticAssets.isSafe(good)).as(good).isTrue();
    }
    for (String bad :
        new String[] {
          "",
          ".",
          "..",
          "a",
          "a.",
          ".a",
          "a..b",
          "a.b.c",
          "/a.css",
          "a//b.css",
          "a/.b.css",
          "a.d/b.css",
          "../a.css",
          "a/../b.css",
          "a\\b.css",
          "a%2fb.css",
          "a b.css",
          "a/b",
          "a/b/",
          "a.css/",
          "é.css",
          "a.css\u0000"
        }) {
      assertThat(StaticAssets.isSafe(bad)).as(bad).isFalse();
    }
  }

  @Test
  void rememberedAssetsAreTheSameInstance() {
    StaticAssets assets = new StaticAssets();
    StaticAssets.Asset css = assets.find("semptify.css").orElseThrow();
    assertThat(assets.find("semptify.css")).containsSame(css);
    assertThat(css.length()).isEqualTo(resource("semptify.css").length);
  }

  private static void assertServed(String name, String type) throws Exception {
    HttpResponse<byte[]> response = get("/static/" + name, null);
    assertThat(response.statusCode()).as(name).isEqualTo(200);
    // Jetty writes a parameter without the space after ';'.
    assertThat(response.headers().firstValue("Content-Type").map(v -> v.replace(" ", "")))
        .as(name)
        .hasValue(type.replace(" ", ""));
    assertThat(response.headers().firstValue("Cache-Control"))
        .as(name)
        .hasValue("public, max-age=3600");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.body()).as(name).isEqualTo(resource(name));
  }

  private static HttpResponse<byte[]> get(String path, String ifNoneMatch) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] resource(String name) {
    try (InputStream in = StaticAssetsTest.class.getResourceAsStream("/static/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A class loader that fails the test if it is ever asked for a resource. */
  private static final class RefusingLoader extends ClassLoader {
    RefusingLoader() {
      super(null);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      throw new AssertionError("asked the class loader for " + name);
    }
  }
}

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
    assertThat(etag).matches("\"[A-Za-z0-9_-]{16}\"");

    HttpResponse<byte[]> again = get("/static/semptify.css", "W/\"other\", " + etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("ETag")).hasValue(etag);

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

package org.semptify.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.Multipart;
import org.semptify.testing.TestServer;

/**
 * A body sent with {@link ResponseBody} is the same response Javalin's {@code result} gives (type,
 * length, compression, HEAD), and a state-changing request's body can still be replaced by the
 * deferred CSRF refusal after its handler.
 */
class ResponseBodyTest {
  @TempDir Path root;

  private static final byte[] BODY =
      "{\"documents\":[]}".repeat(400).getBytes(StandardCharsets.UTF_8);

  private TestServer server() {
    return TestServer.builder(root)
        .extraRoutes(
            routes -> {
              routes.get("/test/body", ctx -> ResponseBody.send(ctx, "application/json", BODY));
              routes.addEndpoint(
                  Endpoint.create(HandlerType.POST, "/test/body-streamed")
                      .addMetadata(RouteTable.StreamedBody.INSTANCE)
                      .handler(ctx -> ResponseBody.send(ctx, "text/html; charset=utf-8", BODY)));
            })
        .start();
  }

  @Test
  void aGetIsAnsweredWithTheWholeBodyItsLengthAndCompressionOnRequest() throws Exception {
    try (TestServer server = server()) {
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<byte[]> plain =
          client.send(
              server.request("/test/body").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(plain.statusCode()).isEqualTo(200);
      assertThat(plain.body()).isEqualTo(BODY);
      assertThat(plain.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(plain.headers().firstValueAsLong("Content-Length")).hasValue(BODY.length);
      assertThat(plain.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

      HttpResponse<byte[]> gzip =
          client.send(
              server.request("/test/body").header("Accept-Encoding", "gzip").GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
      assertThat(gunzip(gzip.body())).isEqualTo(BODY);

      HttpResponse<byte[]> head =
          client.send(
              server
                  .request("/test/body")
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
    }
  }

  @Test
  void aStateChangingRequestsBodyIsStillReplacedByTheDeferredCsrfRefusal() {
    try (TestServer server = server()) {
      Browser browser = server.browser();
      browser.csrfToken("/");
      Multipart form = new Multipart().field("x", "y");
      HttpResponse<String> response =
          browser.send(
              server
                  .request("/test/body-streamed")
                  .header("Accept", "text/html")
                  .header("Content-Type", form.contentType())
                  .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes()))
                  .build());
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).contains("CSRF validation failed").doesNotContain("documents");
    }
  }

  private static byte[] gunzip(byte[] bytes) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }
}

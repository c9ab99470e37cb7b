package org.semptify.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.compression.CompressionStrategy;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.TestServer;

/** Our compression is Javalin's default, with our own content types decided by one lookup. */
class ResponseCompressionTest {
  @TempDir Path root;

  @Test
  void sameAsTheDefaultExceptTheAllowedTypes() {
    CompressionStrategy ours = ResponseCompression.allowing(List.of("text/plain; charset=utf-8"));
    CompressionStrategy standard = CompressionStrategy.GZIP;
    assertThat(ours.getCompressors()).hasSameSizeAs(standard.getCompressors());
    for (int i = 0; i < ours.getCompressors().size(); i++) {
      assertThat(ours.getCompressors().get(i).encoding())
          .isEqualTo(standard.getCompressors().get(i).encoding());
      assertThat(ours.getCompressors().get(i))
          .usingRecursiveComparison()
          .isEqualTo(standard.getCompressors().get(i));
    }
    assertThat(ours.getDefaultMinSizeForCompression())
        .isEqualTo(standard.getDefaultMinSizeForCompression());
    assertThat(ours.getExcludedMimeTypes()).isEqualTo(standard.getExcludedMimeTypes());
    assertThat(ours.getPreferredCompressors()).isEqualTo(standard.getPreferredCompressors());
    assertThat(ours.getAllowedMimeTypes())
        .containsAll(standard.getAllowedMimeTypes())
        .contains("text/plain; charset=utf-8");
  }

  @Test
  void aTypeTheDefaultExcludesIsRefused() {
    assertThatThrownBy(() -> ResponseCompression.allowing(List.of("IMAGE/png")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ResponseCompression.allowing(List.of("application/zip")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void largeAnswersAreStillGzippedAndSmallOnesNot() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<byte[]> metrics =
          client.send(
              server.request("/metrics").header("Accept-Encoding", "gzip").GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(metrics.headers().firstValue("Content-Encoding")).hasValue("gzip");
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(metrics.body()))) {
        assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
            .startsWith("# HELP admin_actions_total");
      }
      HttpResponse<byte[]> page =
          client.send(
              server
                  .request("/")
                  .header("Accept", "text/html")
                  .header("Accept-Encoding", "gzip")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
      HttpResponse<String> health =
          client.send(
              server.request("/health").header("Accept-Encoding", "gzip").GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(health.body()).isEqualTo("OK");
    }
  }
}

package org.semptify.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** The installable app: its manifest, its icons, and a service worker that keeps static assets. */
class InstallableAppTest {
  @TempDir Path root;

  @Test
  void theManifestNamesTheAppItsRealIconsAndStartsAtTheVault() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      HttpResponse<String> response = server.get("/manifest.webmanifest");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/manifest+json");
      JsonNode manifest = VaultUser.json(response.body());
      assertThat(manifest.get("name").asText()).isEqualTo("Semptify");
      assertThat(manifest.get("short_name").asText()).isNotBlank();
      assertThat(manifest.get("start_url").asText()).isEqualTo("/vault");
      assertThat(manifest.get("display").asText()).isEqualTo("standalone");
      assertThat(manifest.get("theme_color").asText()).matches("#[0-9a-f]{6}");
      assertThat(manifest.get("background_color").asText()).matches("#[0-9a-f]{6}");
      List<String> purposes = new ArrayList<>();
      for (JsonNode icon : manifest.get("icons")) {
        HttpResponse<byte[]> png =
            java.net.http.HttpClient.newHttpClient()
                .send(
                    server.request(icon.get("src").asText()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).as(icon.toString()).isEqualTo(200);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(image).as("a real PNG: " + icon).isNotNull();
        assertThat(image.getWidth() + "x" + image.getHeight())
            .isEqualTo(icon.get("sizes").asText());
        assertThat(icon.get("type").asText()).isEqualTo("image/png");
        purposes.add(icon.get("purpose").asText());
      }
      assertThat(purposes).contains("any", "maskable");
      assertThat(
              VaultUser.json(
                      server
                          .send(
                              server
                                  .request("/manifest.webmanifest")
                                  .header("Accept-Language", "es")
                                  .GET()
                                  .build())
                          .body())
                  .get("lang")
                  .asText())
          .isEqualTo("es");
    }
  }

  @Test
  void theServiceWorkerIsServedFromTheRootAndListsOnlyStaticAssets() {
    try (TestServer server = TestServer.start(root)) {
      HttpResponse<String> worker = server.get("/sw.js");
      assertThat(worker.statusCode()).isEqualTo(200);
      assertThat(worker.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/javascript");
      assertThat(worker.body()).doesNotContain("__SEMPTIFY_VERSION__").doesNotContain("cache.put");
      Matcher asset = Pattern.compile("\"(/[^\"]*)\"").matcher(worker.body());
      List<String> listed = new ArrayList<>();
      while (asset.find()) {
        listed.add(asset.group(1));
      }
      assertThat(listed).contains("/static/offline.html", "/static/semptify.css");
      for (String path : listed) {
        if (path.equals("/sw.js") || path.equals("/exit")) {
          continue;
        }
        assertThat(path).as("only static assets are named").startsWith("/static/");
        assertThat(server.get(path).statusCode()).as(path).isEqualTo(200);
      }
      assertThat(server.get("/static/offline.html").body())
          .contains("Your vault needs an internet connection")
          .contains("Su bóveda necesita conexión");

      String csp = server.get("/").headers().firstValue("Content-Security-Policy").orElseThrow();
      assertThat(csp).contains("manifest-src 'self'").contains("worker-src 'self'");
      assertThat(csp).contains("script-src 'self';").doesNotContain("unsafe-inline");
      assertThat(server.get("/").body())
          .contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">")
          .contains("/static/pwa.js");
    }
  }

  @Test
  void theQuickExitClearsTheAppsCachesAndStorage() {
    try (TestServer server = TestServer.start(root)) {
      assertThat(server.get("/exit").headers().firstValue("Clear-Site-Data").orElseThrow())
          .contains("\"cache\"")
          .contains("\"storage\"")
          .contains("\"cookies\"");
      assertThat(server.get("/static/quick-exit.js").body())
          .contains("semptify-clear")
          .contains("caches.delete");
      assertThat(server.get("/sw.js").body()).contains("semptify-clear").contains("unregister");
    }
  }
}

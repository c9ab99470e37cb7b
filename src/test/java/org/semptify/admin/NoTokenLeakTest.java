package org.semptify.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.Cli;
import org.semptify.testing.TestServer;

/** A whole admin session: no token value appears in any response, redirect, log file or metric. */
class NoTokenLeakTest {
  @TempDir Path root;

  @Test
  void tokensNeverLeak() throws IOException {
    String admin = Cli.createAdminToken(root, "--id", "ops");
    String glass = Cli.createAdminToken(root, "--id", "glass", "--breakglass");
    List<HttpResponse<String>> responses = new ArrayList<>();
    try (TestServer server =
        TestServer.builder(root)
            .env("ACCESS_LOG_JSON", "1")
            .env("ADMIN_TOKEN", "legacy-env-secret-value-0123456789")
            .start()) {
      Browser browser = server.browser();
      responses.add(browser.get("/admin?token=" + admin));
      responses.add(browser.get("/admin"));
      responses.add(browser.get("/admin?token=" + admin + "&event=admin_auth"));
      responses.add(browser.submit("/admin", "/admin/tokens/ops/disable", Map.of("token", admin)));
      responses.add(server.browser().get("/admin?token=" + glass));
      responses.add(server.browser().get("/admin?token=" + glass));
      responses.add(server.getHtml("/admin?token=legacy-env-secret-value-0123456789"));
      responses.add(server.get("/admin/status?token=legacy-env-secret-value-0123456789"));
      responses.add(server.get("/metrics"));
      responses.add(server.get("/info"));
      server.awaitLog("access.log", "/info");
    }
    for (HttpResponse<String> response : responses) {
      String everything = response.headers().map().toString() + response.body();
      assertThat(everything)
          .doesNotContain(admin)
          .doesNotContain(glass)
          .doesNotContain("legacy-env-secret-value-0123456789");
    }
    try (Stream<Path> files = Files.walk(root.resolve("logs"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file))
            .as(file.toString())
            .doesNotContain(admin)
            .doesNotContain(glass)
            .doesNotContain("legacy-env-secret-value-0123456789");
      }
    }
    assertThat(Files.readString(root.resolve("security/admin_tokens.json")))
        .doesNotContain(admin)
        .doesNotContain(glass);
  }
}

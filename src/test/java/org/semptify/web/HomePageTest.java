package org.semptify.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.TestServer;

/** Issue 16 item 12: the heading says who Semptify is for; what happens to her data, once. */
class HomePageTest {
  @TempDir Path root;

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  @Test
  void theHeadingSaysWhoItIsForAndThePrivacyTextComesOnce() {
    try (TestServer server = TestServer.start(root)) {
      HttpResponse<String> home = server.getHtml("/");
      assertThat(home.body())
          .contains("<h1>For tenants: keep the proof about your home safe and private</h1>");
      assertThat(count(home.body(), "only your token")).isEqualTo(1);
      assertThat(server.getHtml("/resources").body())
          .as("other pages keep the footer")
          .contains("only your token");
      HttpResponse<String> spanish =
          server.send(
              server
                  .request("/")
                  .header("Accept", "text/html")
                  .header("Accept-Language", "es")
                  .GET()
                  .build());
      assertThat(spanish.body()).contains("<h1>Para inquilinos:");
      assertThat(count(spanish.body(), "solo su token")).isEqualTo(1);
    }
  }
}

package org.semptify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** "Quick exit" on every page: the session ends and the browser leaves for a neutral site. */
class QuickExitTest {
  @TempDir Path root;

  @Test
  void everyPageOffersQuickExitAndItEndsTheSession() {
    try (TestServer server = TestServer.start(root)) {
      for (String page : List.of("/", "/register", "/vault", "/admin", "/nope")) {
        assertThat(server.getHtml(page).body())
            .as(page)
            .contains("href=\"/exit\"")
            .contains("Quick exit");
      }
      VaultUser user = VaultUser.register(server);
      Browser browser = server.browser();
      assertThat(browser.getFollowing("/vault?user_token=" + user.token()).statusCode())
          .isEqualTo(200);

      HttpResponse<String> exit = browser.get("/exit");
      assertThat(exit.statusCode()).isEqualTo(303);
      assertThat(exit.headers().firstValue("Location").orElseThrow())
          .startsWith("https://")
          .doesNotContain("semptify");
      assertThat(exit.headers().allValues("Set-Cookie"))
          .anyMatch(c -> c.startsWith("semptify_session=;") && c.contains("Max-Age=0"))
          .as("a link's token waiting for confirmation goes too")
          .anyMatch(c -> c.startsWith("semptify_pending=;") && c.contains("Max-Age=0"));
      assertThat(exit.headers().firstValue("Clear-Site-Data")).isPresent();

      assertThat(browser.get("/vault").statusCode())
          .as("the vault needs the token again")
          .isEqualTo(401);
    }
  }
}

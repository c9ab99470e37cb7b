package org.semptify.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.crypto.TokenKind;
import org.semptify.crypto.Tokens;
import org.semptify.testing.Browser;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** Seed §4: anonymous registration and the one-time token. */
class RegistrationTest {
  @TempDir Path root;

  @Test
  void theFormExplainsTheTokenIsTheOnlyKey() {
    try (TestServer server = TestServer.start(root)) {
      HttpResponse<String> form = server.getHtml("/register");
      assertThat(form.statusCode()).isEqualTo(200);
      assertThat(form.body())
          .contains("name=\"csrf_token\"")
          .contains("only key")
          .contains("cannot");
      assertThat(form.body()).doesNotContain("name=\"email\"").doesNotContain("name=\"name\"");
    }
  }

  @Test
  void theTokenFileHoldsTheTokenTheAddressTheDateAndHowToKeepItSafe() {
    try (TestServer server = TestServer.start(root)) {
      Browser browser = server.browser();
      HttpResponse<String> page = browser.submit("/register", "/register", Map.of());
      java.util.regex.Matcher token =
          java.util.regex.Pattern.compile("(smpu_[0-9A-Za-z]{49})").matcher(page.body());
      assertThat(token.find()).isTrue();
      java.util.regex.Matcher csrf =
          java.util.regex.Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"")
              .matcher(page.body());
      assertThat(csrf.find()).isTrue();
      HttpResponse<String> file =
          browser.post(
              "/vault/token/file",
              Map.of("user_token", token.group(1), "csrf_token", csrf.group(1)));
      assertThat(file.statusCode()).isEqualTo(200);
      assertThat(file.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
      assertThat(file.headers().firstValue("Content-Disposition"))
          .hasValue("attachment; filename=\"semptify-token.txt\"");
      assertThat(file.headers().firstValue("Cache-Control")).hasValue("no-store");
      String year = String.valueOf(java.time.Year.now(java.time.ZoneOffset.UTC).getValue());
      assertThat(file.body())
          .contains(token.group(1))
          .containsPattern("Your vault: http://127\\.0\\.0\\.1:[0-9]+/vault")
          .contains("Saved on: ")
          .contains(year)
          .contains("Keep this file where only you can reach it")
          .contains("Anyone with this token can open your vault");

      // In the page's language.
      browser.get("/language?lang=es&next=/");
      HttpResponse<String> spanish =
          browser.post(
              "/vault/token/file",
              Map.of("user_token", token.group(1), "csrf_token", browser.csrfToken("/")));
      assertThat(spanish.body())
          .contains(token.group(1))
          .contains("Su bóveda: http://127.0.0.1:")
          .contains("Guardado el: ")
          .contains("Cualquiera que tenga este token");

      // Never a file for a token that does not open this browser's vault.
      VaultUser other = VaultUser.register(server);
      assertThat(
              browser
                  .post(
                      "/vault/token/file",
                      Map.of("user_token", other.token(), "csrf_token", browser.csrfToken("/")))
                  .statusCode())
          .isEqualTo(401);
      assertThat(
              server
                  .browser()
                  .submit("/", "/vault/token/file", Map.of("user_token", token.group(1)))
                  .statusCode())
          .as("no vault open")
          .isEqualTo(401);
    }
  }

  @Test
  void registeringShowsTheTokenOnceAndStoresOnlyItsHash() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      Browser browser = server.browser();
      HttpResponse<String> page = browser.submit("/register", "/register", Map.of());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body())
          .contains("one-time token")
          .doesNotContain("/vault?user_token=")
          .contains("action=\"/vault/token/file\"")
          .containsPattern("id=\"vault-url\">http://127\\.0\\.0\\.1:[0-9]+/vault<")
          .contains("If someone else uses this phone, don't bookmark this page.")
          .doesNotContain("Bookmark this link")
          .containsPattern("<input type=\"checkbox\" id=\"token-saved\" required>");
      VaultUser user = VaultUser.register(server);
      assertThat(Tokens.isWellFormed(user.token(), TokenKind.USER)).isTrue();

      String users = Files.readString(root.resolve("security/users.json"));
      assertThat(users).contains(Tokens.hash(user.token())).doesNotContain(user.token());
      JsonNode entry = new ObjectMapper().readTree(users).get(1);
      assertThat(entry.get("id").asText())
          .startsWith("u_")
          .doesNotContain(user.token().substring(5, 15));
      assertThat(entry.get("enabled").asBoolean()).isTrue();
      assertThat(entry.has("wrapped_key")).isTrue();

      assertThat(server.eventsLog())
          .contains("\"event\":\"user_registered\"")
          .doesNotContain(user.token());
      assertThat(server.get("/metrics").body()).contains("users_registered_total 2.0");
      assertThat(browser.get("/vault").body())
          .as("the registering browser is signed in")
          .contains("Document Vault");
    }
  }

  @Test
  void theOptionalLabelIsShownToTheOwnerAndKeptOnlyEncrypted() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      Browser browser = server.browser();
      browser.submit("/register", "/register", Map.of("label", "Maria LABEL-7781 eviction case"));
      assertThat(browser.get("/vault").body()).contains("Maria LABEL-7781 eviction case");
    }
    try (var files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(
                new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
            .as(file.toString())
            .doesNotContain("LABEL-7781");
      }
    }
  }

  @Test
  void registrationIsLimitedPerAddress() {
    try (TestServer server =
        TestServer.builder(root).env("SEMPTIFY_REGISTER_RATE_MAX", "2").start()) {
      Browser browser = server.browser();
      assertThat(browser.submit("/register", "/register", Map.of()).statusCode()).isEqualTo(200);
      assertThat(browser.submit("/register", "/register", Map.of()).statusCode()).isEqualTo(200);
      HttpResponse<String> third = browser.submit("/register", "/register", Map.of());
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(third.headers().firstValue("Retry-After")).hasValue("3600");
    }
  }

  @Test
  void fiftyParallelRegistrationsGiveFiftyWorkingTokens() throws Exception {
    try (TestServer server =
        TestServer.builder(root).env("SEMPTIFY_REGISTER_RATE_MAX", "0").start()) {
      ExecutorService pool = Executors.newFixedThreadPool(10);
      List<Future<VaultUser>> futures = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        futures.add(pool.submit(() -> VaultUser.register(server)));
      }
      Set<String> tokens = new HashSet<>();
      for (Future<VaultUser> future : futures) {
        VaultUser user = future.get();
        tokens.add(user.token());
        assertThat(user.get("/api/vault").statusCode()).isEqualTo(200);
      }
      pool.shutdown();
      assertThat(tokens).hasSize(50);
      JsonNode users = new ObjectMapper().readTree(root.resolve("security/users.json").toFile());
      assertThat(users.size()).isEqualTo(50);
    }
  }

  @Test
  void aReadOnlySecurityFolderAnswers507AndChangesNothing() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser.register(server);
      byte[] before = Files.readAllBytes(root.resolve("security/users.json"));
      Path security = root.resolve("security");
      Files.setPosixFilePermissions(
          security, java.nio.file.attribute.PosixFilePermissions.fromString("r-x------"));
      try {
        HttpResponse<String> response = server.browser().submit("/register", "/register", Map.of());
        assertThat(response.statusCode()).isEqualTo(507);
        assertThat(response.body()).contains("Storage is full or unavailable; nothing was changed");
        assertThat(server.get("/readyz").body()).contains("\"storage\"");
        assertThat(server.eventsLog())
            .contains("\"event\":\"storage_unavailable\"")
            .contains("\"reason\":\"read_only\"");
      } finally {
        Files.setPosixFilePermissions(
            security, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      }
      assertThat(Files.readAllBytes(root.resolve("security/users.json"))).isEqualTo(before);
      assertThat(server.get("/readyz").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aGarbageUsersFileAnswers503AndIsLeftAlone() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      Path file = root.resolve("security/users.json");
      byte[] garbage = "[{\"id\": ".getBytes();
      Files.write(file, garbage);
      assertThat(server.browser().submit("/register", "/register", Map.of()).statusCode())
          .isEqualTo(503);
      assertThat(user.get("/api/vault").statusCode()).isEqualTo(503);
      assertThat(server.get("/readyz").statusCode()).isEqualTo(503);
      assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    }
  }
}

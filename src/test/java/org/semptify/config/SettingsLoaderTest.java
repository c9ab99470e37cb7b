package org.semptify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsLoaderTest {
  @TempDir Path root;

  private Settings load(String... keyValues) {
    Map<String, String> env = new HashMap<>();
    env.put("SEMPTIFY_DATA_ROOT", root.toString());
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return SettingsLoader.load(env, Path.of("/nonexistent"));
  }

  @Test
  void defaultsAreSafe() {
    Settings settings = load();
    assertThat(settings.dataRoot()).isEqualTo(root.toAbsolutePath());
    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.securityMode()).isEqualTo(SecurityMode.ENFORCED);
    assertThat(settings.secret()).isEmpty();
    assertThat(settings.legacyAdminToken()).as("no default admin token anywhere").isEmpty();
    assertThat(settings.adminRate()).isEqualTo(new AdminRateSettings(60, 60, 429, 60));
    assertThat(settings.logMaxBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(settings.logBackups()).isEqualTo(5);
    assertThat(settings.accessLogJson()).isFalse();
    assertThat(settings.forceHttps()).isFalse();
    assertThat(settings.hstsMaxAgeSeconds()).isEqualTo(31_536_000L);
    assertThat(settings.trustProxyHops()).isZero();
  }

  @Test
  void dataRootDefaultsToWorkingDirectory() {
    Settings settings = SettingsLoader.load(Map.of(), root);
    assertThat(settings.dataRoot()).isEqualTo(root.toAbsolutePath());
  }

  @Test
  void retryAfterDefaultsToTheWindow() {
    assertThat(load("ADMIN_RATE_WINDOW", "30").adminRate().retryAfterSeconds()).isEqualTo(30);
    assertThat(
            load("ADMIN_RATE_WINDOW", "30", "ADMIN_RATE_RETRY_AFTER", "5")
                .adminRate()
                .retryAfterSeconds())
        .isEqualTo(5);
  }

  @Test
  void portFallsBackToPortAndSemptifyPortWins() {
    assertThat(load("PORT", "9000").port()).isEqualTo(9000);
    assertThat(load("PORT", "9000", "SEMPTIFY_PORT", "9001").port()).isEqualTo(9001);
  }

  @Test
  void flaskSecretIsAnAliasAndSemptifySecretWins() {
    assertThat(
            new String(load("FLASK_SECRET", "flask-secret-value").secret().orElseThrow().bytes()))
        .isEqualTo("flask-secret-value");
    assertThat(
            new String(
                load("FLASK_SECRET", "a", "SEMPTIFY_SECRET", "b-secret")
                    .secret()
                    .orElseThrow()
                    .bytes()))
        .isEqualTo("b-secret");
  }

  @Test
  void secretsNeverAppearInToString() {
    Settings settings =
        load(
            "SEMPTIFY_SECRET",
            "super-secret-value-123",
            "ADMIN_TOKEN",
            "admin-secret-456-qwertyuiop-ZXCV");
    assertThat(settings.toString())
        .doesNotContain("super-secret-value-123")
        .doesNotContain("admin-secret-456-qwertyuiop-ZXCV");
  }

  @ParameterizedTest
  @CsvSource({
    "devtoken, shorter than 24",
    "changeme, shorter than 24",
    "admin, shorter than 24",
    "legacy-env-secret-value, shorter than 24",
    "REPLACE-WITH-A-LONG-RANDOM-VALUE, well-known default",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, fewer than 8 different",
    "devtokendevtokendevtoken, fewer than 8 different",
    "password1234567890123456, well-known default",
    "Change-Me-2026-0000000000, well-known default",
    "12345678901234567890123456, only digits and punctuation"
  })
  void aWeakLegacyAdminTokenIsRefusedWithoutEchoingIt(String value, String reason) {
    assertThatThrownBy(() -> load("ADMIN_TOKEN", value))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ADMIN_TOKEN")
        .hasMessageContaining(reason)
        .satisfies(
            e -> assertThat(e.getMessage().replace("admin-token", "")).doesNotContain(value));
  }

  @Test
  void thePublicUrlIsAnHttpAddressKeptWithoutItsTrailingSlash() {
    assertThat(load("SEMPTIFY_PORT", "1").publicUrl()).isEmpty();
    assertThat(load("SEMPTIFY_PUBLIC_URL", "https://semptify.example.org/").publicUrl())
        .hasValue("https://semptify.example.org");
    assertThat(load("SEMPTIFY_PUBLIC_URL", "http://10.0.0.5:8080/tenants").publicUrl())
        .hasValue("http://10.0.0.5:8080/tenants");
    for (String bad :
        new String[] {
          "semptify.example.org", "ftp://x.example", "https://x.example/?a=1", "https://u@x.example"
        }) {
      assertThatThrownBy(() -> load("SEMPTIFY_PUBLIC_URL", bad))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("SEMPTIFY_PUBLIC_URL");
    }
  }

  @Test
  void aStrongLegacyAdminTokenIsAccepted() {
    String strong = "q7Lw-3vTz9Kp_X2mRb8Nc4Hs"; // 24 characters
    assertThat(new String(load("ADMIN_TOKEN", strong).legacyAdminToken().orElseThrow().bytes()))
        .isEqualTo(strong);
  }

  @Test
  void adminRateMaxZeroOrNegativeDisables() {
    assertThat(load("ADMIN_RATE_MAX", "0").adminRate().enabled()).isFalse();
    assertThat(load("ADMIN_RATE_MAX", "-1").adminRate().enabled()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "SECURITY_MODE, permissive, SECURITY_MODE",
    "SEMPTIFY_PORT, eighty, SEMPTIFY_PORT",
    "SEMPTIFY_PORT, 70000, SEMPTIFY_PORT",
    "PORT, -1, PORT",
    "ADMIN_RATE_WINDOW, -5, ADMIN_RATE_WINDOW",
    "ADMIN_RATE_WINDOW, 0, ADMIN_RATE_WINDOW",
    "ADMIN_RATE_WINDOW, 1.5, ADMIN_RATE_WINDOW",
    "ADMIN_RATE_MAX, lots, ADMIN_RATE_MAX",
    "ADMIN_RATE_STATUS, 200, ADMIN_RATE_STATUS",
    "ADMIN_RATE_RETRY_AFTER, -1, ADMIN_RATE_RETRY_AFTER",
    "LOG_MAX_BYTES, 10MB, LOG_MAX_BYTES",
    "LOG_BACKUPS, -2, LOG_BACKUPS",
    "ACCESS_LOG_JSON, maybe, ACCESS_LOG_JSON",
    "FORCE_HTTPS, 2, FORCE_HTTPS",
    "HSTS_MAX_AGE, -1, HSTS_MAX_AGE",
    "SEMPTIFY_TRUST_PROXY, x, SEMPTIFY_TRUST_PROXY",
    "SEMPTIFY_ALLOW_OPEN_PUBLIC, sure, SEMPTIFY_ALLOW_OPEN_PUBLIC"
  })
  void invalidValuesAreRefusedNamingTheVariable(
      String name, String value, String expectedInMessage) {
    assertThatThrownBy(() -> load(name, value))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expectedInMessage);
  }

  @Test
  void unknownModeMessageListsAcceptedValues() {
    assertThatThrownBy(() -> load("SECURITY_MODE", "permissive"))
        .hasMessageContaining("'enforced' or 'open'");
  }

  @Test
  void modeIsCaseInsensitive() {
    assertThat(load("SECURITY_MODE", "OPEN").securityMode()).isEqualTo(SecurityMode.OPEN);
  }

  @Test
  void renderEnvIsReadButNeverOverridesTheEnvironment() throws Exception {
    Files.createDirectories(root.resolve("security"));
    Files.writeString(
        root.resolve("security/render.env"),
        "# local development values\n"
            + "ADMIN_RATE_MAX=7\n"
            + "export LOG_BACKUPS=2\n"
            + "SEMPTIFY_SECRET=\"from-the-file\"\n"
            + "\n"
            + "HSTS_MAX_AGE=100\n");
    Settings settings = load("HSTS_MAX_AGE", "200");
    assertThat(settings.adminRate().max()).isEqualTo(7);
    assertThat(settings.logBackups()).isEqualTo(2);
    assertThat(new String(settings.secret().orElseThrow().bytes())).isEqualTo("from-the-file");
    assertThat(settings.hstsMaxAgeSeconds()).as("environment wins").isEqualTo(200);
  }

  @Test
  void malformedRenderEnvLineIsReportedWithoutEchoingIt() throws Exception {
    Files.createDirectories(root.resolve("security"));
    Files.writeString(
        root.resolve("security/render.env"), "OK=1\nthis line has a secret-ish value\n");
    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 2")
        .hasMessageNotContaining("secret-ish");
  }
}

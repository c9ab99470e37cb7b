package org.semptify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.TestUrls;

/** SEMPTIFY_STORE and the SEMPTIFY_DATABASE_* variables. */
class StoreSettingsTest {
  @TempDir Path root;

  private Settings load(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("SEMPTIFY_DATA_ROOT", root.toString());
    return SettingsLoader.load(all, root);
  }

  private static Map<String, String> postgres(String url) {
    Map<String, String> env = new HashMap<>();
    env.put("SEMPTIFY_STORE", "postgres");
    env.put("SEMPTIFY_DATABASE_URL", url);
    env.put("SEMPTIFY_SECRET", "a-long-random-secret-shared-by-every-node-0123");
    return env;
  }

  @Test
  void filesAreTheDefault() {
    assertThat(load(Map.of()).store()).isEqualTo(StoreSettings.files());
    assertThat(load(Map.of("SEMPTIFY_STORE", "file")).store().postgres()).isFalse();
  }

  @Test
  void aJdbcUrlIsKeptAndTheCredentialVariablesAreUsed() {
    Map<String, String> env = postgres("jdbc:postgresql://db:5432/semptify");
    env.put("SEMPTIFY_DATABASE_USER", "app");
    env.put("SEMPTIFY_DATABASE_PASSWORD", "s3cret-pw");
    DatabaseSettings db = load(env).store().database().orElseThrow();
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/semptify");
    assertThat(db.user()).hasValue("app");
    assertThat(new String(db.password().orElseThrow().bytes(), StandardCharsets.UTF_8))
        .isEqualTo("s3cret-pw");
    assertThat(db.userVariable()).isEqualTo("SEMPTIFY_DATABASE_USER/SEMPTIFY_DATABASE_PASSWORD");
    assertThat(db.waitSeconds()).isEqualTo(30);
    assertThat(db.toString()).doesNotContain("s3cret-pw").doesNotContain("db:5432");
  }

  @Test
  void thePlatformsPostgresUrlBecomesAJdbcUrlWithItsCredentialsTakenOut() {
    DatabaseSettings db =
        load(postgres(
                TestUrls.withCredentials(
                    "postgres",
                    "semptify:p%40ss%2Fw0rd",
                    "dpg-abc.oregon-postgres.render.com/app?sslmode=require")))
            .store()
            .database()
            .orElseThrow();
    assertThat(db.jdbcUrl())
        .isEqualTo("jdbc:postgresql://dpg-abc.oregon-postgres.render.com/app?sslmode=require");
    assertThat(db.user()).hasValue("semptify");
    assertThat(new String(db.password().orElseThrow().bytes(), StandardCharsets.UTF_8))
        .isEqualTo("p@ss/w0rd");
    assertThat(db.userVariable()).isEqualTo("SEMPTIFY_DATABASE_URL");

    DatabaseSettings withPort =
        load(postgres("postgresql://u@localhost:6543/db")).store().database().orElseThrow();
    assertThat(withPort.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:6543/db");
    assertThat(withPort.password()).isEmpty();
  }

  @Test
  void theVariablesWinOverTheUrlsCredentials() {
    Map<String, String> env =
        postgres(TestUrls.withCredentials("postgres", "fromurl:urlpw", "db/app"));
    env.put("SEMPTIFY_DATABASE_PASSWORD", "variable-pw");
    DatabaseSettings db = load(env).store().database().orElseThrow();
    assertThat(db.user()).hasValue("fromurl");
    assertThat(new String(db.password().orElseThrow().bytes(), StandardCharsets.UTF_8))
        .isEqualTo("variable-pw");
  }

  @Test
  void badValuesAreNamedAndNeverRepeated() {
    assertThatThrownBy(() -> load(Map.of("SEMPTIFY_STORE", "mysql")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SEMPTIFY_STORE must be 'file' or 'postgres'");
    Map<String, String> noUrl = postgres("x");
    noUrl.remove("SEMPTIFY_DATABASE_URL");
    assertThatThrownBy(() -> load(noUrl))
        .hasMessageStartingWith("SEMPTIFY_DATABASE_URL must be set");
    assertThatThrownBy(
            () -> load(postgres(TestUrls.withCredentials("mysql", "root:topsecret", "db/app"))))
        .hasMessageStartingWith("SEMPTIFY_DATABASE_URL must start with")
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(
            () -> load(postgres(TestUrls.withCredentials("postgres", "root:topsecret", "/app"))))
        .hasMessageStartingWith("SEMPTIFY_DATABASE_URL must name a host")
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(
            () -> load(postgres(TestUrls.withCredentials("postgres", "root:topsecret", "db"))))
        .hasMessageStartingWith("SEMPTIFY_DATABASE_URL must name a database")
        .hasMessageNotContaining("topsecret");
    Map<String, String> badWait = postgres("jdbc:postgresql://db/app");
    badWait.put("SEMPTIFY_DATABASE_WAIT", "forever");
    assertThatThrownBy(() -> load(badWait)).hasMessageStartingWith("SEMPTIFY_DATABASE_WAIT");
  }

  @Test
  void thePoolSizeIsTwentyUnlessSetAndBoundedFromTwoToTwoHundred() {
    Map<String, String> env = postgres("jdbc:postgresql://db/app");
    assertThat(load(env).store().database().orElseThrow().poolSize()).isEqualTo(20);
    env.put("SEMPTIFY_DATABASE_POOL", "64");
    assertThat(load(env).store().database().orElseThrow().poolSize()).isEqualTo(64);
    for (String bad : new String[] {"1", "201", "lots", "-3"}) {
      env.put("SEMPTIFY_DATABASE_POOL", bad);
      assertThatThrownBy(() -> load(env))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("SEMPTIFY_DATABASE_POOL must be a whole number from 2 to 200");
    }
  }

  @Test
  void postgresModeRefusesToStartWithoutTheSharedSecret() {
    Map<String, String> env = postgres("jdbc:postgresql://db/app");
    env.remove("SEMPTIFY_SECRET");
    assertThatThrownBy(() -> load(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("SEMPTIFY_SECRET must be set when SEMPTIFY_STORE=postgres");
  }
}

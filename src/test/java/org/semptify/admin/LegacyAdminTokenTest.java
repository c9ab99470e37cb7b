package org.semptify.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semptify.admin.AdminTestSupport.getWithToken;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.Main;
import org.semptify.cli.CliEnvironment;
import org.semptify.config.ConfigException;
import org.semptify.testing.TestServer;

/** The seed's ADMIN_TOKEN fallback: accepted if and only if it is set, and strong. */
class LegacyAdminTokenTest {
  @TempDir Path root;

  @Test
  void theLegacyVariableWorksWhenSetAndIsNeverLogged() {
    try (TestServer server =
        TestServer.builder(root).env("ADMIN_TOKEN", "legacy-operator-secret-2024").start()) {
      assertThat(getWithToken(server, "/admin/status", "legacy-operator-secret-2024").statusCode())
          .isEqualTo(200);
      assertThat(getWithToken(server, "/admin/status", "legacy-operator-secret-2023").statusCode())
          .isEqualTo(401);
      assertThat(server.eventsLog()).contains("\"token_id\":\"legacy-env\"");
      assertThat(server.allLogs()).doesNotContain("legacy-operator-secret-2024");
    }
  }

  @Test
  void aWeakLegacyTokenStopsTheServerFromStarting() {
    for (String weak : new String[] {"devtoken", "changeme", "admin", "short-but-not-24-chars"}) {
      Throwable refused = null;
      try (TestServer started = TestServer.builder(root).env("ADMIN_TOKEN", weak).start()) {
        // reached only if the weak token was accepted: the assertion below then fails
      } catch (ConfigException e) {
        refused = e;
      }
      assertThat(refused).as(weak).isInstanceOf(ConfigException.class);
      // And through the command line, as an operator starts it:
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      CliEnvironment environment =
          new CliEnvironment(
              Map.of("SEMPTIFY_DATA_ROOT", root.toString(), "PORT", "0", "ADMIN_TOKEN", weak),
              root,
              new ByteArrayInputStream(new byte[0]),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              Clock.systemUTC());
      assertThat(Main.run(environment, "serve")).as(weak).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("ADMIN_TOKEN")
          .doesNotContain("=" + weak)
          .doesNotContain("'" + weak + "'");
      assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("listening");
    }
  }

  @Test
  void thereIsNoDefaultAdminToken() {
    try (TestServer server = TestServer.start(root)) {
      for (String guess : new String[] {"admin", "changeme", "", "ADMIN_TOKEN", "secret"}) {
        assertThat(getWithToken(server, "/admin/status", guess).statusCode()).isEqualTo(401);
      }
    }
  }
}

package org.semptify.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semptify.admin.AdminTestSupport.getWithToken;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.TestServer;

/** The seed's ADMIN_TOKEN fallback: accepted if and only if it is set. */
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
  void thereIsNoDefaultAdminToken() {
    try (TestServer server = TestServer.start(root)) {
      for (String guess : new String[] {"admin", "changeme", "", "ADMIN_TOKEN", "secret"}) {
        assertThat(getWithToken(server, "/admin/status", guess).statusCode()).isEqualTo(401);
      }
    }
  }
}

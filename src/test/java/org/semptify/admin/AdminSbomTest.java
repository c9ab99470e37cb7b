package org.semptify.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semptify.admin.AdminTestSupport.getWithToken;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Cli;
import org.semptify.testing.TestServer;

/** GET /admin/sbom: admin only; the build's CycloneDX SBOM when the jar carries one. */
class AdminSbomTest {
  @TempDir Path root;

  @Test
  void onlyAdminsMayAskAndTheAnswerIsTheBuildsSbom() {
    String token = Cli.createAdminToken(root);
    try (TestServer server = TestServer.start(root)) {
      assertThat(server.get("/admin/sbom").statusCode()).isEqualTo(401);
      HttpResponse<String> response = getWithToken(server, "/admin/sbom", token);
      // Unit tests run before 'package' writes the SBOM into the classes; after it, it is served.
      if (AdminSbomTest.class.getResource("/META-INF/sbom/bom.json") == null) {
        assertThat(response.statusCode()).isEqualTo(404);
      } else {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
            .contains("\"bomFormat\"")
            .contains("CycloneDX")
            .contains("javalin");
      }
    }
  }
}

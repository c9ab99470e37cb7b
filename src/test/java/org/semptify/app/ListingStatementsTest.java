package org.semptify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.PostgresCluster;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/**
 * What one authenticated {@code GET /api/vault} asks PostgreSQL, counted in the server's own log
 * ({@code log_statement = 'all'} for this test's database only): the manifest's version, once,
 * server-prepared, and nothing else; no transaction around it, no probe of the database beside it.
 * The account and the client address are answered from memory for 250 ms after a lookup (so a
 * change on another node is enforced within a second), so a lookup of each may come with a listing
 * now and then, never more than one of each per listing.
 */
class ListingStatementsTest {
  private static final String SECRET = "one-secret-for-every-node-0123456789abcdef";
  private static final String VERSION =
      "SELECT version FROM vault_documents WHERE user_id = $1 AND name = $2";
  private static final int LISTINGS = 40;

  @TempDir Path root;

  @Test
  void aListingSendsOneServerPreparedStatementAndNoOtherRoundTrip() throws Exception {
    PostgresCluster cluster = PostgresCluster.shared();
    String database = cluster.freshDatabase();
    cluster.execute("postgres", "ALTER DATABASE " + database + " SET log_statement = 'all'");
    Map<String, String> env = new HashMap<>(cluster.environment(database));
    env.put("SEMPTIFY_SECRET", SECRET);
    TestServer.Builder builder = TestServer.builder(root);
    env.forEach(builder::env);
    try (TestServer server = builder.start()) {
      VaultUser user = VaultUser.register(server);
      for (int i = 0; i < 3; i++) {
        user.uploadFile("doc-" + i + ".txt", ("document " + i).getBytes(StandardCharsets.UTF_8));
      }
      // Each pooled connection prepares the statement on the server after its first uses.
      for (int i = 0; i < 20; i++) {
        assertThat(user.get("/api/vault").statusCode()).isEqualTo(200);
      }
      Path log = cluster.serverLog();
      List<List<String>> perListing = new ArrayList<>();
      for (int i = 0; i < LISTINGS; i++) {
        if (i == LISTINGS / 2) {
          // Idle for more than a second: the database is not probed before the next listing
          // either (it was, once a second, before the statements that answer told it was up).
          Thread.sleep(1_100);
        }
        long mark = Files.size(log);
        assertThat(user.get("/api/vault").statusCode()).isEqualTo(200);
        perListing.add(statements(log, mark));
      }
      int refreshes = 0;
      for (List<String> statements : perListing) {
        assertThat(statements)
            .as("the statements of one listing")
            .filteredOn(s -> s.endsWith(VERSION))
            .hasSize(1)
            .allMatch(s -> s.startsWith("execute S_"), "server-prepared");
        List<String> others = statements.stream().filter(s -> !s.endsWith(VERSION)).toList();
        // The account and the address looked up again once their 250 ms have passed, and the
        // pool's test of a connection that sat idle for half a second (an empty query); nothing
        // else (no BEGIN/COMMIT, no SET, no probe of the database, no second read of the vault).
        assertThat(others)
            .as("beside the manifest's version")
            .allMatch(
                s ->
                    s.contains("FROM users WHERE hash = $1")
                        || s.contains("FROM rate_limit_hits WHERE limiter = $1")
                        || s.strip().equals("statement:"),
                "a lookup of the account or of the address, or the pool's test after idling")
            .hasSizeLessThanOrEqualTo(3);
        refreshes += others.size();
      }
      assertThat(perListing)
          .as("most listings send the manifest's version alone")
          .filteredOn(statements -> statements.size() == 1)
          .hasSizeGreaterThan(0);
      assertThat(refreshes).isLessThan(2 * LISTINGS);
    }
  }

  /**
   * The statements logged since {@code mark}: the text after {@code LOG: } of each {@code
   * statement:} or {@code execute …:} line (an empty query, Hikari's connection test, counts).
   */
  private static List<String> statements(Path log, long mark) throws Exception {
    byte[] all = Files.readAllBytes(log);
    String since = new String(all, (int) mark, all.length - (int) mark, StandardCharsets.UTF_8);
    List<String> statements = new ArrayList<>();
    for (String line : since.split("\n")) {
      int at = line.indexOf("LOG:  ");
      if (at < 0) {
        continue;
      }
      String text = line.substring(at + "LOG:  ".length());
      if (text.startsWith("statement:") || text.startsWith("execute ")) {
        statements.add(text);
      }
    }
    return statements;
  }
}

package org.semptify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.Main;
import org.semptify.cli.CliEnvironment;
import org.semptify.crypto.Tokens;
import org.semptify.testing.Cli;
import org.semptify.testing.PostgresCluster;
import org.semptify.testing.TestServer;
import org.semptify.testing.TestUrls;
import org.semptify.testing.VaultUser;

/**
 * One node with {@code SEMPTIFY_STORE=postgres}: accounts, tokens, keys and readiness come from the
 * database, the command line acts on it, hand-edited files have no effect, and a database that
 * cannot be used stops start-up with exit 2 naming the variable.
 */
class PostgresModeTest {
  private static final String SECRET = "one-secret-for-every-node-0123456789abcdef";

  @TempDir Path root;
  private PostgresCluster cluster;
  private String database;
  private Map<String, String> env;

  @BeforeEach
  void database() {
    cluster = PostgresCluster.shared();
    database = cluster.freshDatabase();
    env = new HashMap<>(cluster.environment(database));
    env.put("SEMPTIFY_SECRET", SECRET);
  }

  private TestServer start() {
    TestServer.Builder builder = TestServer.builder(root);
    env.forEach(builder::env);
    return builder.start();
  }

  @Test
  void accountsLiveInTheDatabaseAndTheCommandLineDisablesThemWithinASecond() throws Exception {
    try (TestServer server = start()) {
      VaultUser user = VaultUser.register(server);
      assertThat(user.get("/api/vault").statusCode()).isEqualTo(200);
      assertThat(root.resolve("security/users.json")).doesNotExist();

      Cli.Result list = Cli.runWithEnv(root, env, "user", "list");
      assertThat(list.exitCode()).as(list.stderr()).isZero();
      String id;
      try (var connection = cluster.connect(database);
          var rows = connection.createStatement().executeQuery("SELECT id, hash FROM users")) {
        assertThat(rows.next()).isTrue();
        id = rows.getString("id");
        assertThat(rows.getString("hash")).isEqualTo(Tokens.hash(user.token()));
      }
      assertThat(list.stdout()).contains(id);

      Cli.Result disable = Cli.runWithEnv(root, env, "user", "disable", id);
      assertThat(disable.exitCode()).as(disable.stderr()).isZero();
      // The server answers an account it looked up less than 250 ms ago from memory; the issue
      // allows a change made elsewhere a second to be enforced.
      long disabled = System.nanoTime();
      while (user.get("/api/vault").statusCode() == 200) {
        assertThat(System.nanoTime() - disabled)
            .as("refused within 1 s")
            .isLessThan(1_000_000_000L);
        Thread.sleep(20);
      }
      assertThat(user.get("/api/vault").statusCode()).isEqualTo(401);

      Cli.Result events = Cli.runWithEnv(root, env, "events", "--event", "user_disabled");
      assertThat(events.stdout()).contains("\"user_disabled\"").contains(id);
      assertThat(server.eventsLog()).as("events go to the database, not logs/").isEmpty();
    }
  }

  @Test
  void handEditedFilesHaveNoEffectAndTheKeysAreNotWrittenThere() throws Exception {
    String token = "smpa_" + "x".repeat(40);
    Files.createDirectories(root.resolve("security"));
    Files.writeString(
        root.resolve("security/admin_tokens.json"),
        "[{\"id\": \"hand\", \"hash\": \""
            + Tokens.hash(token)
            + "\", \"created_ts\": 1, \"enabled\": true, \"breakglass\": false}]");
    try (TestServer server = start()) {
      assertThat(
              server
                  .send(
                      server.request("/admin/status").header("X-Admin-Token", token).GET().build())
                  .statusCode())
          .isEqualTo(401);
      assertThat(root.resolve("security/csrf.token")).doesNotExist();
      assertThat(root.resolve("security/signing_key.pem")).doesNotExist();
      assertThat(root.resolve("security/session.key")).doesNotExist();
    }
    Cli.Result list = Cli.runWithEnv(root, env, "admin-token", "list");
    assertThat(list.exitCode()).as(list.stderr()).isZero();
    assertThat(list.stdout()).doesNotContain("hand");
  }

  @Test
  void twoNodesOnOneDatabaseShareTheSigningKey() throws Exception {
    Path other = Files.createTempDirectory(root.getParent(), "node-b-");
    TestServer.Builder second = TestServer.builder(other);
    env.forEach(second::env);
    try (TestServer a = start();
        TestServer b = second.start()) {
      String keyA = a.get("/.well-known/semptify-signing-key.pem").body();
      assertThat(keyA).contains("PUBLIC KEY");
      assertThat(b.get("/.well-known/semptify-signing-key.pem").body()).isEqualTo(keyA);
    }
  }

  @Test
  void readinessChecksTheDatabaseAndDegradesWhileItIsAway() throws Exception {
    try (TestServer server = start()) {
      assertThat(server.get("/readyz").statusCode()).isEqualTo(200);
      cluster.execute("postgres", "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
      cluster.execute(
          "postgres",
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
              + database
              + "'");
      HttpResponse<String> degraded = readyzUntil(server, 503);
      assertThat(degraded.statusCode()).isEqualTo(503);
      assertThat(degraded.body())
          .contains("\"status\":\"degraded\"")
          .contains("\"database\":{\"ok\":false")
          .doesNotContain(cluster.password());

      cluster.execute("postgres", "ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
      assertThat(readyzUntil(server, 200).statusCode()).isEqualTo(200);
    }
  }

  /** /readyz until it answers {@code status} (one probe serves a second), at most 10 s. */
  private static HttpResponse<String> readyzUntil(TestServer server, int status)
      throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    HttpResponse<String> answer = server.get("/readyz");
    while (answer.statusCode() != status && System.nanoTime() < deadline) {
      Thread.sleep(100);
      answer = server.get("/readyz");
    }
    return answer;
  }

  private Cli.Result serve(Map<String, String> variables) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> all = new HashMap<>(variables);
    all.put("SEMPTIFY_DATA_ROOT", root.toString());
    all.put("SEMPTIFY_PORT", "0");
    int code =
        Main.run(
            new CliEnvironment(
                all,
                root,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC()),
            "serve");
    return new Cli.Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anUnreachableDatabaseExitsTwoNamingTheVariableAfterTheBoundedWait() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Map<String, String> bad = new HashMap<>(env);
    bad.put(
        "SEMPTIFY_DATABASE_URL",
        TestUrls.withCredentials("postgres", "semptify:pw-in-url-123", "127.0.0.1:")
            + closed
            + "/x");
    bad.remove("SEMPTIFY_DATABASE_USER");
    bad.remove("SEMPTIFY_DATABASE_PASSWORD");
    bad.put("SEMPTIFY_DATABASE_WAIT", "1");
    Cli.Result result = serve(bad);
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .contains("configuration error: SEMPTIFY_DATABASE_URL")
        .doesNotContain("pw-in-url-123");
  }

  @Test
  void thePoolSizeComesFromTheVariableAndABadOneExitsTwoNamingIt() throws Exception {
    env.put("SEMPTIFY_DATABASE_POOL", "3");
    try (TestServer server = start()) {
      assertThat(server.get("/readyz").statusCode()).isEqualTo(200);
      assertThat(server.allLogsOf("init.log"))
          .contains("database: a pool of at most 3 connections on this node");
    }
    env.put("SEMPTIFY_DATABASE_POOL", "500");
    Cli.Result tooMany = serve(env);
    assertThat(tooMany.exitCode()).isEqualTo(2);
    assertThat(tooMany.stderr()).contains("configuration error: SEMPTIFY_DATABASE_POOL");
  }

  @Test
  void refusedCredentialsAndAMissingSecretExitTwo() {
    Map<String, String> wrong = new HashMap<>(env);
    wrong.put("SEMPTIFY_DATABASE_PASSWORD", "wrong-password-456");
    Cli.Result refused = serve(wrong);
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.stderr())
        .contains("SEMPTIFY_DATABASE_USER/SEMPTIFY_DATABASE_PASSWORD")
        .doesNotContain("wrong-password-456");

    Map<String, String> noSecret = new HashMap<>(env);
    noSecret.remove("SEMPTIFY_SECRET");
    Cli.Result refusedToStart = serve(noSecret);
    assertThat(refusedToStart.exitCode()).isEqualTo(2);
    assertThat(refusedToStart.stderr()).contains("SEMPTIFY_SECRET must be set");
  }
}

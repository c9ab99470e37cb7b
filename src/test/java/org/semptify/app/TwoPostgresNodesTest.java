package org.semptify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.store.ContractSupport;
import org.semptify.testing.Cli;
import org.semptify.testing.NodeProcess;
import org.semptify.testing.PostgresCluster;

/**
 * Two real server processes on one PostgreSQL database ({@code SEMPTIFY_STORE=postgres}), each with
 * its own data root, as identical nodes behind a load balancer: what one node or the command line
 * changes, the other enforces at once. Each test speaks from its own client address (the nodes
 * trust one proxy hop), so the shared admin rate limit counts each test apart.
 */
class TwoPostgresNodesTest {
  private static final String SECRET = "one-secret-for-every-node-0123456789abcdef";
  private static final int RATE_MAX = 6;

  @TempDir static Path rootA;
  @TempDir static Path rootB;
  @TempDir static Path cliRoot;
  private static Map<String, String> env;
  private static NodeProcess nodeA;
  private static NodeProcess nodeB;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    PostgresCluster cluster = PostgresCluster.shared();
    env = new HashMap<>(cluster.environment(cluster.freshDatabase()));
    env.put("SEMPTIFY_SECRET", SECRET);
    env.put("SEMPTIFY_TRUST_PROXY", "1");
    env.put("ADMIN_RATE_MAX", String.valueOf(RATE_MAX));
    env.put("ADMIN_RATE_WINDOW", "600");
    nodeA = NodeProcess.start(rootA, env);
    nodeB = NodeProcess.start(rootB, env);
  }

  @AfterAll
  static void stopNodes() {
    if (nodeA != null) {
      nodeA.close();
    }
    if (nodeB != null) {
      nodeB.close();
    }
  }

  private static String createToken(String... options) {
    String[] args = new String[options.length + 2];
    args[0] = "admin-token";
    args[1] = "create";
    System.arraycopy(options, 0, args, 2, options.length);
    Cli.Result result = Cli.runWithEnv(cliRoot, env, args);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return result.stdout().strip();
  }

  private static HttpResponse<String> admin(
      NodeProcess node, String method, String path, String token, String ip) {
    HttpRequest.Builder request =
        node.request(path).header("X-Admin-Token", token).header("X-Forwarded-For", ip);
    if (method.equals("POST")) {
      request
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.noBody());
    }
    return node.send(request.build());
  }

  private static HttpResponse<String> session(NodeProcess node, String cookies, String ip) {
    return node.send(
        node.request("/admin/status")
            .header("Cookie", cookies)
            .header("X-Forwarded-For", ip)
            .GET()
            .build());
  }

  /** Polls until {@code node} answers {@code expected} to the token, at most 1 s. */
  private static void refusedWithinOneSecond(NodeProcess node, String token, String ip)
      throws InterruptedException {
    long deadline = System.nanoTime() + 1_000_000_000L;
    int status;
    do {
      status = admin(node, "GET", "/admin/status", token, ip).statusCode();
      if (status == 401) {
        return;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("still " + status + " after 1 s");
  }

  @Test
  void aTokenMadeOnTheCommandLineOpensBothNodesAndOneNodesDisablingIsRefusedOnTheOther()
      throws Exception {
    String actor = createToken("--id", "actor");
    String target = createToken("--id", "target");
    assertThat(admin(nodeA, "GET", "/admin/status", target, "10.0.1.1").statusCode())
        .isEqualTo(200);
    assertThat(admin(nodeB, "GET", "/admin/status", target, "10.0.1.1").statusCode())
        .isEqualTo(200);

    assertThat(admin(nodeA, "POST", "/admin/tokens/target/disable", actor, "10.0.1.2").statusCode())
        .isEqualTo(303);
    refusedWithinOneSecond(nodeB, target, "10.0.1.3");

    String rotated = createToken("--id", "rotated");
    assertThat(admin(nodeB, "GET", "/admin/status", rotated, "10.0.1.4").statusCode())
        .isEqualTo(200);
    Cli.Result rotate = Cli.runWithEnv(cliRoot, env, "admin-token", "rotate", "rotated");
    assertThat(rotate.exitCode()).as(rotate.stderr()).isZero();
    refusedWithinOneSecond(nodeA, rotated, "10.0.1.5");
    assertThat(
            admin(nodeB, "GET", "/admin/status", rotate.stdout().strip(), "10.0.1.6").statusCode())
        .isEqualTo(200);

    assertThat(Files.exists(rootA.resolve("security/admin_tokens.json"))).isFalse();
    assertThat(Files.exists(cliRoot.resolve("security/admin_tokens.json"))).isFalse();
  }

  @Test
  void ofSixteenConcurrentBreakglassUsesOverTwoNodesExactlyOneGetsIn() throws Exception {
    String glass = createToken("--id", "glass16", "--breakglass");
    List<Callable<Integer>> uses = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      NodeProcess node = i % 2 == 0 ? nodeA : nodeB;
      String ip = "10.0.2." + (i + 1);
      uses.add(() -> admin(node, "GET", "/admin/status", glass, ip).statusCode());
    }
    List<Integer> statuses = ContractSupport.runTogether(uses);
    assertThat(statuses).containsOnlyOnce(200);
    assertThat(statuses).filteredOn(status -> status != 200).containsOnly(401);

    Cli.Result events =
        Cli.runWithEnv(
            cliRoot, env, "events", "--event", "breakglass_used", "--token-id", "glass16");
    assertThat(events.exitCode()).as(events.stderr()).isZero();
    assertThat(events.stdout().lines()).hasSize(1);
    assertThat(
            nodeA.stdout().stream().filter(l -> l.contains("\"breakglass_used\"")).count()
                + nodeB.stdout().stream().filter(l -> l.contains("\"breakglass_used\"")).count())
        .as("the node that consumed it wrote the event to its standard output")
        .isEqualTo(1);
  }

  @Test
  void theAdminRateLimitIsOneWindowForBothNodes() {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < RATE_MAX + 4; i++) {
      NodeProcess node = i % 2 == 0 ? nodeA : nodeB;
      statuses.add(admin(node, "GET", "/admin/status", "guess-" + i, "10.0.3.1").statusCode());
    }
    assertThat(statuses.subList(0, RATE_MAX)).containsOnly(401);
    assertThat(statuses.subList(RATE_MAX, statuses.size())).containsOnly(429);
  }

  @Test
  void bothNodesAreReadyWithTheDatabaseChecked() {
    for (NodeProcess node : List.of(nodeA, nodeB)) {
      HttpResponse<String> ready = node.get("/readyz");
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(ready.body()).contains("\"database\":{\"ok\":true");
    }
    assertThat(String.join("\n", nodeA.stdout())).contains("\"event\":\"server_started\"");
    assertThat(nodeA.stderr() + String.join("\n", nodeA.stdout()))
        .doesNotContain(env.get("SEMPTIFY_DATABASE_PASSWORD"))
        .doesNotContain(SECRET);
  }

  @Test
  void revokeAllOnTheCommandLineIsRefusedOnBothNodesWithinOneSecondSessionsIncluded()
      throws Exception {
    String ops = createToken("--id", "revoked-ops");
    String ip = "10.0.4.1";
    // An admin session opened on A (the token moves into a sealed cookie), used on B.
    HttpResponse<String> login =
        nodeA.send(
            nodeA.request("/admin?token=" + ops).header("X-Forwarded-For", ip).GET().build());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
    String cookies =
        String.join(
            "; ",
            login.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0]).toList());
    assertThat(session(nodeB, cookies, "10.0.5.0").statusCode()).isEqualTo(200);
    assertThat(admin(nodeB, "GET", "/admin/status", ops, ip).statusCode()).isEqualTo(200);

    Cli.Result revoked = Cli.runWithEnv(cliRoot, env, "admin-token", "revoke-all");
    assertThat(revoked.exitCode()).as(revoked.stderr()).isZero();

    refusedWithinOneSecond(nodeB, ops, "10.0.4.2");
    refusedWithinOneSecond(nodeA, ops, "10.0.4.3");
    // Each look from another address: the admin rate limit counts every request per route.
    long deadline = System.nanoTime() + 1_000_000_000L;
    int status;
    int look = 0;
    do {
      status = session(nodeB, cookies, "10.0.5." + ++look).statusCode();
    } while (status != 401 && System.nanoTime() < deadline);
    assertThat(status).as("the session the old value opened, on the other node").isEqualTo(401);
    String renewed =
        revoked
            .stdout()
            .lines()
            .filter(line -> line.startsWith("revoked-ops "))
            .findFirst()
            .orElseThrow()
            .substring("revoked-ops ".length());
    assertThat(admin(nodeB, "GET", "/admin/status", renewed, "10.0.4.4").statusCode())
        .isEqualTo(200);
    assertThat(admin(nodeA, "GET", "/admin/status", renewed, "10.0.4.5").statusCode())
        .isEqualTo(200);
  }

  /**
   * Each node answers an account it looked up less than 250 ms ago from memory: a user disabled by
   * the command line, after both nodes have just opened the vault, is still refused on both within
   * a second.
   */
  @Test
  void aUserDisabledOnTheCommandLineIsRefusedOnBothNodesWithinOneSecond() throws Exception {
    HttpResponse<String> form = nodeA.send(nodeA.request("/register").GET().build());
    String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    java.util.regex.Matcher csrf =
        java.util.regex.Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"")
            .matcher(form.body());
    assertThat(csrf.find()).as("a CSRF token on /register").isTrue();
    HttpResponse<String> created =
        nodeA.send(
            nodeA
                .request("/register")
                .header("Cookie", cookie)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", "10.0.5.1")
                .POST(HttpRequest.BodyPublishers.ofString("csrf_token=" + csrf.group(1)))
                .build());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    var registered = org.semptify.testing.VaultUser.json(created.body());
    String token = registered.get("token").asText();
    String userId = registered.get("user_id").asText();
    for (NodeProcess node : List.of(nodeA, nodeB)) {
      assertThat(listing(node, token).statusCode()).isEqualTo(200);
    }

    Cli.Result disable = Cli.runWithEnv(cliRoot, env, "user", "disable", userId);
    assertThat(disable.exitCode()).as(disable.stderr()).isZero();
    long disabled = System.nanoTime();
    for (NodeProcess node : List.of(nodeB, nodeA)) {
      while (listing(node, token).statusCode() == 200) {
        assertThat(System.nanoTime() - disabled)
            .as("refused within 1 s")
            .isLessThan(1_000_000_000L);
        Thread.sleep(20);
      }
      assertThat(listing(node, token).statusCode()).isEqualTo(401);
    }
  }

  private static HttpResponse<String> listing(NodeProcess node, String token) {
    return node.send(
        node.request("/api/vault")
            .header("X-User-Token", token)
            .header("X-Forwarded-For", "10.0.5.2")
            .GET()
            .build());
  }
}

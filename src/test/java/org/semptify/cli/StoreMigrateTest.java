package org.semptify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.config.Secret;
import org.semptify.crypto.Tokens;
import org.semptify.json.JsonMapping;
import org.semptify.security.CsrfProtection;
import org.semptify.store.postgres.PostgresStorage;
import org.semptify.testing.Cli;
import org.semptify.testing.NodeProcess;
import org.semptify.testing.PostgresCluster;
import org.semptify.testing.S3Server;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/**
 * {@code semptify store migrate --to postgres}: a data root populated by a real server on files
 * (tenants, documents, a ledger record, a share link, admin tokens of every role, a spent
 * breakglass token, a disabled user and token, events) moves into a real PostgreSQL database and a
 * real S3 bucket; a real server process on them, with an empty data root, then opens every vault
 * with the same tokens and bytes, every share link, every admin token with its role, keeps the
 * admin session and its CSRF token, and its exports (and one made before the move) verify. A second
 * run changes nothing; a tampered vault is named; other keys in the database are refused.
 */
class StoreMigrateTest {
  private static final String SECRET = "one-secret-before-and-after-the-move-0123456789";
  private static final Pattern CSRF = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");
  private static final String[] TABLES = {
    "users", "admin_tokens", "shares", "events", "vault_documents", "key_material"
  };

  @TempDir Path root;
  @TempDir Path newRoot;
  @TempDir Path work;

  private final HttpClient http = HttpClient.newHttpClient();

  private record Tenant(String token, Map<String, byte[]> documents) {}

  private static Map<String, String> postgresEnv(String database, String bucket) {
    PostgresCluster cluster = PostgresCluster.shared();
    S3Server s3 = S3Server.shared();
    Map<String, String> env = new HashMap<>(cluster.environment(database));
    env.putAll(s3.env(bucket));
    env.put("SEMPTIFY_SECRET", SECRET);
    return env;
  }

  private Cli.Result migrate(Map<String, String> env) {
    return Cli.runWithEnv(root, env, "store", "migrate", "--to", "postgres");
  }

  @Test
  void aPopulatedDataRootMovesAndEveryTokenShareAndExportStillWorks() throws Exception {
    PostgresCluster cluster = PostgresCluster.shared();
    S3Server s3 = S3Server.shared();
    String database = cluster.freshDatabase();
    String bucket = s3.newBucket();
    Map<String, String> env = postgresEnv(database, bucket);

    // --- the old deployment, on files -------------------------------------------------------
    String owner = Cli.createAdminToken(root, "--id", "owner1");
    String operator = Cli.createAdminToken(root, "--id", "oncall", "--role", "operator");
    String auditor = Cli.createAdminToken(root, "--id", "review", "--role", "auditor");
    String breakglass = Cli.createAdminToken(root, "--id", "glass", "--breakglass");
    String retired = Cli.createAdminToken(root, "--id", "retired");
    assertThat(Cli.run(root, "admin-token", "disable", "retired").exitCode()).isZero();

    List<Tenant> tenants = new ArrayList<>();
    String disabledToken;
    JsonNode share;
    String sharedDoc;
    String sessionCookie;
    String csrfBefore;
    String keyBefore;
    byte[] exportBefore;
    TestServer.Builder files = TestServer.builder(root).env("SEMPTIFY_SECRET", SECRET);
    try (TestServer server = files.start()) {
      Random random = new Random(20);
      for (int i = 0; i < 3; i++) {
        VaultUser user = VaultUser.register(server);
        Map<String, byte[]> documents = new LinkedHashMap<>();
        for (int d = 0; d <= i; d++) {
          byte[] content = new byte[d == 1 ? 700_000 : 1_000 + d];
          random.nextBytes(content);
          documents.put(
              user.uploadFile("evidence-" + d + ".bin", content).get("doc_id").asText(), content);
        }
        tenants.add(new Tenant(user.token(), documents));
      }
      Tenant first = tenants.get(0);
      HttpResponse<String> ledger =
          server.send(
              server
                  .request("/ledger")
                  .header("X-User-Token", first.token())
                  .header("Accept", "application/json")
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "date=2026-02-01&type=rent&amount=1200.00&note=February+rent"))
                  .build());
      assertThat(ledger.statusCode()).as(ledger.body()).isEqualTo(201);
      sharedDoc = first.documents().keySet().iterator().next();
      HttpResponse<String> shared =
          server.send(
              server
                  .request("/vault/shares")
                  .header("X-User-Token", first.token())
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "label=Legal+aid&days=7&doc_id=" + sharedDoc))
                  .build());
      assertThat(shared.statusCode()).as(shared.body()).isEqualTo(201);
      share = VaultUser.json(shared.body());

      VaultUser disabled = VaultUser.register(server);
      disabledToken = disabled.token();
      assertThat(Cli.run(root, "user", "disable", userId(disabledToken)).exitCode()).isZero();

      assertThat(adminGet(server, "/admin/status", breakglass).statusCode()).isEqualTo(200);
      HttpResponse<String> login =
          server.send(
              server.request("/admin?token=" + owner).header("Accept", "text/html").GET().build());
      assertThat(login.statusCode()).isEqualTo(303);
      sessionCookie =
          String.join(
              "; ",
              login.headers().allValues("Set-Cookie").stream()
                  .map(cookie -> cookie.split(";", 2)[0])
                  .toList());
      csrfBefore =
          csrfOn(
              server.send(
                  server
                      .request("/admin")
                      .header("Cookie", sessionCookie)
                      .header("Accept", "text/html")
                      .GET()
                      .build()));
      keyBefore = server.get("/.well-known/semptify-signing-key.pem").body();
      exportBefore =
          http.send(
                  server
                      .request("/vault/export")
                      .header("X-User-Token", first.token())
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray())
              .body();
    }
    String eventsBefore = Files.readString(root.resolve("logs/events.log"));

    // --- the move ---------------------------------------------------------------------------
    Cli.Result moved = migrate(env);
    assertThat(moved.exitCode()).as(moved.stdout() + moved.stderr()).isZero();
    assertThat(moved.stdout())
        .contains("keys: CSRF secret copied, signing key copied")
        .contains("vaults: 3 (3 copied into); documents: 4 copied")
        .contains("blobs: 6 copied")
        .contains("shares: 1 copied, 0 already there")
        .contains("users: 4 copied, 0 already there")
        .contains("admin tokens: 5 copied, 0 already there")
        .contains("verified: all 3 vaults read back")
        .endsWith("ok\n");
    assertNothingSecretIn(moved.stdout() + moved.stderr(), owner, operator, auditor, breakglass);
    assertThat(Files.readString(root.resolve("logs/events.log")))
        .as("the data root is only read")
        .isEqualTo(eventsBefore);
    Map<String, Long> rows = rowCounts(database);
    assertThat(rows).containsEntry("users", 4L).containsEntry("admin_tokens", 5L);
    assertThat(rows).containsEntry("shares", 1L).containsEntry("key_material", 2L);
    long objects =
        s3.client().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().count();
    assertThat(objects).isEqualTo(6);

    // --- a second run changes nothing ------------------------------------------------------
    Cli.Result again = migrate(env);
    assertThat(again.exitCode()).as(again.stdout() + again.stderr()).isZero();
    assertThat(again.stdout())
        .contains("keys: CSRF secret already there, signing key already there")
        .contains("documents: 0 copied, 4 already there; blobs: 0 copied, 6 already there; 0 bytes")
        .contains("shares: 0 copied, 1 already there")
        .contains("users: 0 copied, 4 already there")
        .contains("admin tokens: 0 copied, 5 already there")
        .containsPattern("events: 0 copied, \\d+ already there");
    assertThat(rowCounts(database)).isEqualTo(rows);
    assertThat(
            s3.client().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().count())
        .isEqualTo(objects);
    assertThat(countEvents(database, "store_migrated")).isEqualTo(1);
    assertThat(countEvents(database, "user_registered")).isEqualTo(4);
    assertThat(countEvents(database, "breakglass_used")).isEqualTo(1);
    assertThat(countEvents(database, "vault_upload")).isEqualTo(6);

    // --- store check on the database ---------------------------------------------------------
    Cli.Result checked = Cli.runWithEnv(newRoot, env, "store", "check");
    assertThat(checked.exitCode()).as(checked.stdout() + checked.stderr()).isZero();
    assertThat(checked.stdout())
        .contains("store: postgres")
        .contains("bucket '" + bucket + "'")
        .contains("accounts: 4")
        .contains("admin tokens: 5")
        .contains("shares: 1")
        .contains("keys: csrf_secret opens, signing_key opens")
        .contains("vaults: 3")
        .contains("blobs: 6 committed")
        .contains("chain anchors: 6 of 6 documents")
        .endsWith("ok\n");

    // --- the new deployment: a node on PostgreSQL + S3 with an empty data root ---------------
    try (NodeProcess node = NodeProcess.start(newRoot, env)) {
      for (Tenant tenant : tenants) {
        HttpResponse<String> listed =
            node.send(
                node.request("/api/vault").header("X-User-Token", tenant.token()).GET().build());
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        for (Map.Entry<String, byte[]> document : tenant.documents().entrySet()) {
          assertThat(listed.body()).contains(document.getKey());
          HttpResponse<byte[]> downloaded =
              http.send(
                  node.request("/vault/files/" + document.getKey())
                      .header("X-User-Token", tenant.token())
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
          assertThat(downloaded.statusCode()).isEqualTo(200);
          assertThat(downloaded.body()).isEqualTo(document.getValue());
        }
      }
      Tenant first = tenants.get(0);
      assertThat(
              node.send(
                      node.request("/ledger")
                          .header("X-User-Token", first.token())
                          .header("Accept", "application/json")
                          .GET()
                          .build())
                  .body())
          .contains("February rent");
      assertThat(
              node.send(
                      node.request("/api/vault")
                          .header("X-User-Token", disabledToken)
                          .GET()
                          .build())
                  .statusCode())
          .as("a disabled account stays disabled")
          .isNotEqualTo(200);

      HttpResponse<String> opened =
          node.send(
              node.request("/vault/share/" + share.get("share_id").asText())
                  .header("X-Grant-Token", share.get("grant_token").asText())
                  .GET()
                  .build());
      assertThat(opened.statusCode()).isEqualTo(200);
      assertThat(opened.body()).contains(sharedDoc);

      assertThat(adminGet(node, "/admin/status", owner).statusCode()).isEqualTo(200);
      assertThat(adminGet(node, "/admin/status", operator).statusCode()).isEqualTo(200);
      assertThat(adminGet(node, "/admin/status", auditor).statusCode()).isEqualTo(200);
      assertThat(adminPost(node, "/admin/tokens/breakglass", operator).statusCode())
          .as("an operator still may not mint breakglass tokens")
          .isEqualTo(403);
      assertThat(
              adminPost(node, "/admin/users/" + userId(disabledToken) + "/enable", auditor)
                  .statusCode())
          .as("an auditor still only reads")
          .isEqualTo(403);
      assertThat(adminGet(node, "/admin/status", breakglass).statusCode())
          .as("a spent breakglass token stays spent")
          .isEqualTo(401);
      assertThat(adminGet(node, "/admin/status", retired).statusCode())
          .as("a disabled token stays disabled")
          .isEqualTo(401);

      HttpResponse<String> adminPage =
          node.send(
              node.request("/admin")
                  .header("Cookie", sessionCookie)
                  .header("Accept", "text/html")
                  .GET()
                  .build());
      assertThat(adminPage.statusCode()).as("the admin session survives the move").isEqualTo(200);
      assertThat(csrfOn(adminPage)).as("same CSRF secret, same form token").isEqualTo(csrfBefore);

      String keyAfter = node.get("/.well-known/semptify-signing-key.pem").body();
      assertThat(keyAfter).isEqualTo(keyBefore);
      Path key = work.resolve("key.pem");
      Files.writeString(key, keyAfter);
      Path before = work.resolve("before.zip");
      Files.write(before, exportBefore);
      Path after = work.resolve("after.zip");
      Files.write(
          after,
          http.send(
                  node.request("/vault/export").header("X-User-Token", first.token()).GET().build(),
                  HttpResponse.BodyHandlers.ofByteArray())
              .body());
      for (Path bundle : List.of(before, after)) {
        Cli.Result verified =
            Cli.run(work, "verify-bundle", bundle.toString(), "--key", key.toString());
        assertThat(verified.exitCode())
            .as(bundle + ": " + verified.stdout() + verified.stderr())
            .isZero();
      }
    }

    // --- a vault tampered with in the database is named, and left as it is ---------------------
    String victim = userId(tenants.get(1).token());
    cluster.execute(
        database,
        "UPDATE vault_documents SET content = overlay(content placing '\\xff'::bytea from 40 for 1)"
            + " WHERE user_id = '"
            + victim
            + "' AND name = 'manifest'");
    Cli.Result tampered = migrate(env);
    assertThat(tampered.exitCode()).as(tampered.stdout()).isEqualTo(1);
    assertThat(tampered.stdout())
        .contains("problem: vault " + victim + " does not read back from the new store")
        .contains("1 problem(s)");
  }

  @Test
  void refusesWithoutADatabaseAndWhenTheDatabaseHoldsOtherKeys() throws Exception {
    try (TestServer server = TestServer.builder(root).env("SEMPTIFY_SECRET", SECRET).start()) {
      VaultUser.register(server);
    }
    Cli.Result unconfigured = Cli.run(root, "store", "migrate", "--to", "postgres");
    assertThat(unconfigured.exitCode()).isEqualTo(2);
    assertThat(unconfigured.stderr()).contains("SEMPTIFY_STORE=postgres");

    PostgresCluster cluster = PostgresCluster.shared();
    String database = cluster.freshDatabase();
    try (PostgresStorage storage =
        PostgresStorage.openForCommand(cluster.settings(database), JsonMapping.mapper())) {
      storage.keys(Secret.ofUtf8(SECRET), 0).loadOrCreate("csrf_secret", CsrfProtection::newKey);
    }
    Cli.Result refused = migrate(postgresEnv(database, S3Server.shared().newBucket()));
    assertThat(refused.exitCode()).as(refused.stdout()).isEqualTo(2);
    assertThat(refused.stderr())
        .contains("the database holds another CSRF secret")
        .contains("nothing was copied");
    assertThat(rowCounts(database)).containsEntry("users", 0L).containsEntry("events", 0L);
  }

  @Test
  void withFileBlobsTheBlobsStayInTheDataRootAndTheServerReadsThemThere() throws Exception {
    byte[] content = "the notice to quit, photographed".getBytes(StandardCharsets.UTF_8);
    String token;
    String docId;
    try (TestServer server = TestServer.builder(root).env("SEMPTIFY_SECRET", SECRET).start()) {
      VaultUser user = VaultUser.register(server);
      token = user.token();
      docId = user.uploadFile("notice.jpg", content).get("doc_id").asText();
    }
    PostgresCluster cluster = PostgresCluster.shared();
    String database = cluster.freshDatabase();
    Map<String, String> env = new HashMap<>(cluster.environment(database));
    env.put("SEMPTIFY_SECRET", SECRET);
    Cli.Result moved = migrate(env);
    assertThat(moved.exitCode()).as(moved.stdout() + moved.stderr()).isZero();
    assertThat(moved.stdout())
        .contains("blobs in this data root's uploads/")
        .contains("blobs: 0 copied, 1 already there")
        .contains("users: 1 copied");
    try (NodeProcess node = NodeProcess.start(root, env)) {
      HttpResponse<byte[]> downloaded =
          http.send(
              node.request("/vault/files/" + docId).header("X-User-Token", token).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(downloaded.statusCode()).isEqualTo(200);
      assertThat(downloaded.body()).isEqualTo(content);
    }
  }

  private String userId(String token) throws Exception {
    String hash = Tokens.hash(token);
    for (JsonNode user :
        new ObjectMapper().readTree(root.resolve("security/users.json").toFile())) {
      if (user.path("hash").asText().equals(hash)) {
        return user.path("id").asText();
      }
    }
    throw new AssertionError("no such user");
  }

  private static String csrfOn(HttpResponse<String> page) {
    assertThat(page.statusCode()).isEqualTo(200);
    Matcher csrf = CSRF.matcher(page.body());
    assertThat(csrf.find()).as("a form on the admin page").isTrue();
    return csrf.group(1);
  }

  private static HttpResponse<String> adminGet(TestServer server, String path, String token) {
    return server.send(server.request(path).header("X-Admin-Token", token).GET().build());
  }

  private static HttpResponse<String> adminGet(NodeProcess node, String path, String token) {
    return node.send(node.request(path).header("X-Admin-Token", token).GET().build());
  }

  private static HttpResponse<String> adminPost(NodeProcess node, String path, String token) {
    return node.send(
        node.request(path)
            .header("X-Admin-Token", token)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(""))
            .build());
  }

  private static void assertNothingSecretIn(String output, String... tokens) {
    for (String token : tokens) {
      assertThat(output).doesNotContain(token).doesNotContain(Tokens.hash(token));
    }
    assertThat(output).doesNotContain(SECRET).doesNotContain("sha256:");
  }

  private static Map<String, Long> rowCounts(String database) throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection connection = PostgresCluster.shared().connect(database);
        Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
          rows.next();
          counts.put(table, rows.getLong(1));
        }
      }
    }
    return counts;
  }

  private static long countEvents(String database, String event) throws Exception {
    try (Connection connection = PostgresCluster.shared().connect(database);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT count(*) FROM events WHERE event = '" + event + "'")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}

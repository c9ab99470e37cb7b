package org.semptify.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Browser;
import org.semptify.testing.Cli;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/**
 * The drill: a backup taken while 8 clients upload, register and edit records verifies,
 * restores into a new folder, and the restored server serves every document acknowledged before the
 * backup began, byte for byte, with intact chains (an export of every vault passes {@code
 * verify-bundle} against the restored signing key), and every token and share link still works.
 */
class BackupUnderLoadTest {
  private static final int CLIENTS = 8;
  @TempDir Path temp;

  /** A document the server acknowledged (201), and when the acknowledgement arrived. */
  private record Acknowledged(String token, String docId, byte[] bytes, long nanos) {}

  @Test
  void aBackupTakenUnderLoadRestoresEveryAcknowledgedDocument() throws Exception {
    Path live = temp.resolve("live");
    Path restored = temp.resolve("restored");
    Path archive = temp.resolve("nightly.tar.zst");
    Queue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    Set<String> tokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
    String adminToken;
    String shareUrl;
    long began;
    Cli.Result created;
    try (TestServer server =
        TestServer.builder(live).env("SEMPTIFY_REGISTER_RATE_MAX", "100000").start()) {
      adminToken = Cli.createAdminToken(live);
      VaultUser owner = VaultUser.register(server);
      String shared = owner.uploadFile("notice.txt", "notice".getBytes()).get("doc_id").asText();
      acknowledged.add(
          new Acknowledged(owner.token(), shared, "notice".getBytes(), System.nanoTime()));
      tokens.add(owner.token());
      shareUrl = share(server, owner);

      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<Integer>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int seed = c;
        clients.add(pool.submit(() -> client(server, seed, stop, acknowledged, tokens)));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (acknowledged.size() < 40 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      began = System.nanoTime();
      created = Cli.run(live, "backup", "create", archive.toString());
      Thread.sleep(200); // the clients go on after the backup, too
      stop.set(true);
      int operations = 0;
      for (Future<Integer> client : clients) {
        operations += client.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(operations).as("the clients really worked").isGreaterThan(CLIENTS);
      assertThat(created.exitCode()).as(created.stderr()).isZero();
      assertThat(created.stdout()).containsPattern("accounts=\\d+ vaults=\\d+ documents=\\d+");
      assertThat(created.stdout()).containsPattern("sha256=[0-9a-f]{64}  ");
      assertThat(server.eventsLog()).contains("\"event\":\"backup_created\"");
    }
    assertThat(Files.getPosixFilePermissions(archive))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    Cli.Result verified = Cli.run(temp, "backup", "verify", archive.toString());
    assertThat(verified.exitCode()).as(verified.stderr()).isZero();
    assertThat(verified.stdout()).startsWith("intact: accounts=");

    Cli.Result restore =
        Cli.run(temp, "backup", "restore", archive.toString(), "--data-root", restored.toString());
    assertThat(restore.exitCode()).as(restore.stderr()).isZero();
    try (Stream<Path> all = Files.walk(restored)) {
      for (Path path : (Iterable<Path>) all::iterator) {
        assertThat(Files.getPosixFilePermissions(path))
            .as(path.toString())
            .isEqualTo(
                PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? "rwx------" : "rw-------"));
      }
    }

    try (TestServer server = TestServer.start(restored)) {
      int checked = 0;
      Set<String> owners = new LinkedHashSet<>();
      for (Acknowledged doc : acknowledged) {
        if (doc.nanos() >= began) {
          continue;
        }
        HttpResponse<byte[]> download =
            VaultUser.withToken(server, doc.token()).download(doc.docId());
        assertThat(download.statusCode()).as(doc.docId()).isEqualTo(200);
        assertThat(download.body()).as(doc.docId()).isEqualTo(doc.bytes());
        owners.add(doc.token());
        checked++;
      }
      assertThat(checked).isGreaterThanOrEqualTo(40);
      System.out.printf(
          "%d documents acknowledged before the backup, %d after; %d vaults exported%n",
          checked, acknowledged.size() - checked, owners.size());
      int exports = 0;
      for (String token : owners) {
        Path zip = temp.resolve("export-" + exports++ + ".zip");
        HttpResponse<Path> export =
            HttpClient.newHttpClient()
                .send(
                    server.request("/vault/export").header("X-User-Token", token).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(zip));
        assertThat(export.statusCode()).isEqualTo(200);
        Cli.Result bundle = Cli.run(restored, "verify-bundle", zip.toString());
        assertThat(bundle.exitCode()).as(bundle.stderr()).isZero();
      }
      assertThat(server.get(shareUrl).statusCode()).as("the share link").isEqualTo(200);
      assertThat(
              server
                  .send(server.request("/admin/status").header("X-Admin-Token", adminToken).build())
                  .statusCode())
          .as("the admin token")
          .isEqualTo(200);
      // The archive holds the log as it was while it was written: backup_created came after.
      assertThat(server.eventsLog())
          .doesNotContain("\"event\":\"backup_created\"")
          .containsPattern(
              "\"event\":\"backup_restored\".*\"accounts\":\\d+,\"vaults\":\\d+,"
                  + "\"documents\":\\d+,\"bytes\":\\d+");
    }
  }

  /** One client: registers, uploads and edits its records until stopped; returns its count. */
  private static int client(
      TestServer server,
      int seed,
      AtomicBoolean stop,
      Queue<Acknowledged> acknowledged,
      Set<String> tokens) {
    Random random = new Random(seed);
    VaultUser user = VaultUser.register(server);
    tokens.add(user.token());
    int operations = 0;
    String ledgerId = null;
    while (!stop.get()) {
      operations++;
      switch (operations % 8) {
        case 0 -> {
          user = VaultUser.register(server);
          tokens.add(user.token());
          ledgerId = null;
        }
        case 1, 3, 5 -> {
          byte[] bytes = new byte[1 + random.nextInt(48 * 1024)];
          random.nextBytes(bytes);
          JsonNode stored = user.uploadFile("scan-" + operations + ".bin", bytes);
          acknowledged.add(
              new Acknowledged(
                  user.token(), stored.get("doc_id").asText(), bytes, System.nanoTime()));
        }
        default -> {
          String path = ledgerId == null ? "/ledger" : "/ledger/" + ledgerId;
          HttpResponse<String> edited =
              records(
                  server,
                  user,
                  path,
                  "date=2026-01-0" + (1 + operations % 9) + "&type=rent&amount=" + operations);
          assertThat(edited.statusCode()).isIn(200, 201);
          if (ledgerId == null) {
            ledgerId = VaultUser.json(edited.body()).path("id").asText();
          }
        }
      }
    }
    return operations;
  }

  private static HttpResponse<String> records(
      TestServer server, VaultUser user, String path, String form) {
    return server.send(
        server
            .request(path)
            .header("X-User-Token", user.token())
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  private static String share(TestServer server, VaultUser owner) {
    HttpResponse<String> created =
        server.send(
            server
                .request("/vault/shares")
                .header("X-User-Token", owner.token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        Browser.form(Map.of("label", "Lawyer", "days", "30"))))
                .build());
    assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
    String url = VaultUser.json(created.body()).get("url").asText();
    assertThat(server.get(url).statusCode()).isEqualTo(200);
    return url.substring(url.indexOf("/vault/share/"));
  }
}

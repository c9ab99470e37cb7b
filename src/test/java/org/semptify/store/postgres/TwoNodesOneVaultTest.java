package org.semptify.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.config.SettingsLoader;
import org.semptify.json.JsonMapping;
import org.semptify.store.file.FileBlobStore;
import org.semptify.store.s3.S3BlobStore;
import org.semptify.testing.PostgresCluster;
import org.semptify.testing.S3Server;
import org.semptify.users.VaultAccess;
import org.semptify.vault.Certificate;
import org.semptify.vault.Manifest;
import org.semptify.vault.NewDocument;
import org.semptify.vault.SigningKey;
import org.semptify.vault.Vault;
import org.semptify.vault.VaultStorage;

/**
 * Two nodes (each its own vault storage, locks, manifest cache, database and bucket clients) upload
 * into one vault at the same time, on a real PostgreSQL and a real S3-protocol server: no document
 * is lost or doubled, and the certificate chain stays one unbroken chain.
 */
class TwoNodesOneVaultTest {
  private static final String USER = "u_twonodes";

  @TempDir Path keys;

  @Test
  void concurrentUploadsThroughTwoNodesLoseNothingAndKeepOneChain() throws Exception {
    PostgresCluster postgres = PostgresCluster.shared();
    DataSource database = postgres.dataSource(postgres.freshDatabase());
    S3Server s3 = S3Server.shared();
    String bucket = s3.newBucket();
    SigningKey signing = SigningKey.loadOrCreate(keys.resolve("signing_key.pem"));
    byte[] key = new byte[32];
    key[0] = 7;

    List<S3BlobStore> clients = new ArrayList<>();
    List<VaultStorage> nodes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      S3BlobStore blobs =
          S3BlobStore.connect(
              SettingsLoader.load(s3.env(bucket), keys).blobStore(),
              Clock.systemUTC(),
              Duration.ofHours(1));
      clients.add(blobs);
      nodes.add(
          new VaultStorage(
              new PostgresVaultRepository(database, blobs),
              signing,
              JsonMapping.mapper(),
              Clock.systemUTC()));
    }
    int perThread = 6;
    int threadsPerNode = 3;
    ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerNode);
    List<Future<List<String>>> uploads = new ArrayList<>();
    try {
      for (VaultStorage node : nodes) {
        for (int t = 0; t < threadsPerNode; t++) {
          int thread = uploads.size();
          Callable<List<String>> task =
              () -> {
                List<String> ids = new ArrayList<>();
                for (int n = 0; n < perThread; n++) {
                  Vault vault = node.open(new VaultAccess(USER, key));
                  byte[] content = ("upload " + thread + "/" + n).getBytes(StandardCharsets.UTF_8);
                  Vault.PendingBlob blob =
                      vault.receive(new ByteArrayInputStream(content), 1 << 20, 1 << 30);
                  vault.commit(
                      blob, new NewDocument("f" + thread + "-" + n + ".txt", "", "", ""), "r");
                  ids.add(blob.docId());
                }
                return ids;
              };
          uploads.add(pool.submit(task));
        }
      }
      Set<String> acknowledged = new HashSet<>();
      for (Future<List<String>> upload : uploads) {
        acknowledged.addAll(upload.get(120, TimeUnit.SECONDS));
      }

      int total = 2 * threadsPerNode * perThread;
      assertThat(acknowledged).hasSize(total);
      for (VaultStorage node : nodes) {
        Vault vault = node.open(new VaultAccess(USER, key));
        Manifest manifest = vault.manifest();
        assertThat(manifest.documents()).hasSize(total);
        assertThat(manifest.documents().stream().map(d -> d.docId()).toList())
            .containsExactlyInAnyOrderElementsOf(acknowledged);
        // One chain: seq 1..n, each certificate naming the one before, each hash its own.
        String prev = Certificate.GENESIS;
        long seq = 1;
        for (Certificate certificate : manifest.chain()) {
          assertThat(certificate.prev()).isEqualTo(prev);
          assertThat(((Number) certificate.fields().get("seq")).longValue()).isEqualTo(seq++);
          assertThat(Certificate.sha256Hex(certificate.canonicalBytes()))
              .isEqualTo(certificate.hash());
          prev = certificate.hash();
        }
        assertThat(seq - 1).isEqualTo(total);
        for (String docId : acknowledged) {
          try (InputStream in = vault.open(docId)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("upload ");
          }
        }
      }
    } finally {
      pool.shutdownNow();
      clients.forEach(S3BlobStore::close);
    }
  }

  @Test
  void aVaultsDeletionOnOneNodeHoldsOffTheOtherNodesChanges() throws Exception {
    PostgresCluster postgres = PostgresCluster.shared();
    DataSource database = postgres.dataSource(postgres.freshDatabase());
    SigningKey signing = SigningKey.loadOrCreate(keys.resolve("signing_key.pem"));
    List<VaultStorage> nodes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      nodes.add(
          new VaultStorage(
              new PostgresVaultRepository(
                  database, new FileBlobStore(Files.createDirectories(keys.resolve("blobs" + i)))),
              signing,
              JsonMapping.mapper(),
              Clock.systemUTC()));
    }
    VaultAccess access = new VaultAccess(USER, new byte[32]);
    nodes.get(1).open(access).appendRecord("note", Map.of("text", "before"), "r0");
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> deletion =
          pool.submit(
              () -> {
                nodes
                    .get(0)
                    .exclusively(
                        USER,
                        () -> {
                          inside.countDown();
                          try {
                            finish.await(30, TimeUnit.SECONDS);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                        });
                return null;
              });
      assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
      Future<Certificate> record =
          pool.submit(
              () -> nodes.get(1).open(access).appendRecord("note", Map.of("text", "during"), "r1"));
      Thread.sleep(300);
      assertThat(record.isDone()).as("the other node waits for the deletion's lock").isFalse();
      finish.countDown();
      deletion.get(30, TimeUnit.SECONDS);
      assertThat(((Number) record.get(30, TimeUnit.SECONDS).fields().get("seq")).longValue())
          .isEqualTo(2);
    } finally {
      finish.countDown();
      pool.shutdownNow();
    }
  }
}

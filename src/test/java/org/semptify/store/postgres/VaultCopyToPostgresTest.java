package org.semptify.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.config.SettingsLoader;
import org.semptify.json.JsonMapping;
import org.semptify.store.VaultCopy;
import org.semptify.store.file.FileVaultRepository;
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
 * A vault on files copied into PostgreSQL and a bucket: byte for byte, idempotent (a second run
 * copies nothing), and the copy opens with the same key, lists the same documents, reads the same
 * plaintext and carries the same unbroken chain.
 */
class VaultCopyToPostgresTest {
  @TempDir Path uploads;
  @TempDir Path keys;

  @Test
  void aFileVaultCopiesIdempotentlyAndOpensTheSameOnTheNewStore() throws Exception {
    SigningKey signing = SigningKey.loadOrCreate(keys.resolve("signing_key.pem"));
    byte[] key = new byte[32];
    key[3] = 9;
    VaultAccess access = new VaultAccess("u_migrating", key);
    FileVaultRepository files = new FileVaultRepository(uploads);
    Vault before =
        new VaultStorage(files, signing, JsonMapping.mapper(), Clock.systemUTC()).open(access);
    byte[] big = new byte[S3BlobStoreParts.BIG];
    new java.util.Random(5).nextBytes(big);
    String small = commit(before, "lease.txt", "the lease".getBytes(StandardCharsets.UTF_8));
    String large = commit(before, "video.mp4", big);
    before.updatePrivateFile("records", Map.class, Map::of, m -> Map.of("rent", "paid"));
    before.appendRecord("service", Map.of("served_on", "2026-11-01"), "r_x");

    PostgresCluster postgres = PostgresCluster.shared();
    DataSource database = postgres.dataSource(postgres.freshDatabase());
    S3Server s3 = S3Server.shared();
    try (S3BlobStore bucket =
        S3BlobStore.connect(
            SettingsLoader.load(s3.env(s3.newBucket()), keys).blobStore(),
            Clock.systemUTC(),
            Duration.ofHours(1))) {
      PostgresVaultRepository target = new PostgresVaultRepository(database, bucket);

      VaultCopy.Report first = VaultCopy.copy(files, target);
      assertThat(first.vaults()).isEqualTo(1);
      assertThat(first.documentsCopied()).isEqualTo(2); // manifest, records
      assertThat(first.blobsCopied()).isEqualTo(2);
      assertThat(first.mismatches()).isEmpty();

      VaultCopy.Report second = VaultCopy.copy(files, target);
      assertThat(second.documentsCopied()).isZero();
      assertThat(second.blobsCopied()).isZero();
      assertThat(second.documentsSame()).isEqualTo(2);
      assertThat(second.blobsSame()).isEqualTo(2);
      assertThat(VaultCopy.compare(files, target).mismatches()).isEmpty();

      Vault after =
          new VaultStorage(target, signing, JsonMapping.mapper(), Clock.systemUTC()).open(access);
      Manifest manifest = after.manifest();
      assertThat(manifest).isEqualTo(before.manifest());
      String prev = Certificate.GENESIS;
      for (Certificate certificate : manifest.chain()) {
        assertThat(certificate.prev()).isEqualTo(prev);
        assertThat(Certificate.sha256Hex(certificate.canonicalBytes()))
            .isEqualTo(certificate.hash());
        prev = certificate.hash();
      }
      assertThat(manifest.chain()).hasSize(3);
      try (InputStream in = after.open(small)) {
        assertThat(in.readAllBytes()).isEqualTo("the lease".getBytes(StandardCharsets.UTF_8));
      }
      try (InputStream in = after.open(large)) {
        assertThat(in.readAllBytes()).isEqualTo(big);
      }
      assertThat(after.readPrivateFile("records", Map.class, Map::of))
          .containsEntry("rent", "paid");

      // A blob changed on the target shows, and the next copy repairs it.
      target.deleteBlob("u_migrating", small);
      assertThat(VaultCopy.compare(files, target).mismatches()).containsExactly("u_migrating");
      assertThat(VaultCopy.copy(files, target).blobsCopied()).isEqualTo(1);
      assertThat(VaultCopy.compare(files, target).mismatches()).isEmpty();

      // What the target holds differently (it moved on: a newer manifest) is never overwritten.
      byte[] newer = "a newer manifest".getBytes(StandardCharsets.UTF_8);
      target.replaceDocument("u_migrating", "manifest", newer);
      VaultCopy.Report kept = VaultCopy.copy(files, target);
      assertThat(kept.mismatches()).containsExactly("u_migrating");
      assertThat(kept.documentsCopied()).isZero();
      assertThat(target.readDocument("u_migrating", "manifest")).contains(newer);
    }
  }

  private static String commit(Vault vault, String name, byte[] content) throws Exception {
    Vault.PendingBlob blob = vault.receive(new ByteArrayInputStream(content), 1 << 30, 1L << 40);
    vault.commit(blob, new NewDocument(name, "", "", ""), "r_" + name);
    return blob.docId();
  }

  /** More than one part of a multipart upload. */
  private static final class S3BlobStoreParts {
    static final int BIG = 9 * 1024 * 1024;
  }
}

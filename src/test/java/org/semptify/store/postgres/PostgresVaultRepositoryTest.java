package org.semptify.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.store.VaultRepository;
import org.semptify.store.VaultRepositoryContract;
import org.semptify.store.file.FileBlobStore;
import org.semptify.testing.PostgresCluster;

/**
 * Vault documents in a real PostgreSQL (a throw-away cluster): the repository contract holds, the
 * rows hold ciphertext as given, and the vault's lock holds across two repositories (two nodes).
 */
class PostgresVaultRepositoryTest extends VaultRepositoryContract {
  @TempDir Path blobs;

  private DataSource database;

  private DataSource database() {
    if (database == null) {
      PostgresCluster cluster = PostgresCluster.shared();
      database = cluster.dataSource(cluster.freshDatabase());
    }
    return database;
  }

  @Override
  protected VaultRepository create() {
    return another();
  }

  @Override
  protected VaultRepository another() {
    return new PostgresVaultRepository(database(), new FileBlobStore(blobs));
  }

  @Test
  void theRowHoldsTheBytesAsGivenAndAVersionPerReplacement() throws Exception {
    repository().replaceDocument(USER, "manifest", "cipher-1".getBytes(StandardCharsets.UTF_8));
    repository().replaceDocument(USER, "manifest", "cipher-2".getBytes(StandardCharsets.UTF_8));
    try (Connection connection = database().getConnection();
        Statement select = connection.createStatement();
        ResultSet row =
            select.executeQuery(
                "SELECT version, content FROM vault_documents WHERE name = 'manifest'")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getLong(1)).isEqualTo(2);
      assertThat(new String(row.getBytes(2), StandardCharsets.UTF_8)).isEqualTo("cipher-2");
    }
  }

  @Test
  void theVaultLockHoldsAcrossTwoNodesAndIsReentrant() throws Exception {
    Lock onA = repository().vaultLock(USER, new ReentrantLock());
    Lock onB = another().vaultLock(USER, new ReentrantLock());
    onA.lock();
    onA.lock(); // re-entered, as recovery under an opening does
    AtomicBoolean bHasIt = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    Thread b =
        new Thread(
            () -> {
              onB.lock();
              bHasIt.set(true);
              onB.unlock();
              done.countDown();
            });
    b.start();
    onA.unlock();
    assertThat(done.await(300, TimeUnit.MILLISECONDS)).isFalse(); // A still holds it once
    assertThat(bHasIt).isFalse();
    // Whoever holds the vault's lock reads and writes on its own connection meanwhile.
    repository().replaceDocument(USER, "records", new byte[] {1});
    onA.unlock();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(bHasIt).isTrue();
    // Another vault is never held up.
    Lock other = another().vaultLock("u_other", new ReentrantLock());
    other.lock();
    other.unlock();
  }
}

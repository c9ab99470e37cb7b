package org.semptify.store.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.semptify.ops.StorageUnavailableException;
import org.semptify.store.BlobStore;
import org.semptify.store.VaultRepository;

/**
 * Vaults on PostgreSQL: each small document (the manifest, the records) is one row of {@code
 * vault_documents} holding its ciphertext and a version that every replacement increments; the
 * blobs go to a {@link BlobStore} (the bucket). The database never sees a key or a plaintext.
 *
 * <p>Every node of a deployment shares these rows, so the vault's lock is extended across nodes
 * ({@link #vaultLock}): a session-level advisory lock per vault, held on one connection for as long
 * as the vault's lock is held. Changes of one vault are therefore serialised across all nodes and
 * its certificate chain stays one chain; a node that dies loses its connection, and with it the
 * lock.
 */
public final class PostgresVaultRepository implements VaultRepository {
  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern NAME = Pattern.compile("[a-z]{1,32}");

  private final DataSource database;
  private final BlobStore blobs;
  private final VersionReads versions;

  /**
   * The connection holding each vault's advisory lock, and the thread of this node holding it; that
   * thread reads and writes the vault's documents on it (so a thread never needs a second
   * connection, and the pool cannot run dry with every connection waiting for another).
   */
  private final Map<String, Held> held = new ConcurrentHashMap<>();

  private record Held(Thread owner, Connection connection) {}

  /** Something done on a connection. */
  @FunctionalInterface
  private interface Work<T> {
    T on(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} on the connection of the vault's lock if this thread holds it, else on one of
   * the pool's.
   */
  private <T> T run(String userId, Work<T> work) {
    try {
      Held mine = held.get(userId);
      if (mine != null && mine.owner() == Thread.currentThread()) {
        return work.on(mine.connection());
      }
      try (Connection connection = database.getConnection()) {
        return work.on(connection);
      }
    } catch (SQLException e) {
      throw new DatabaseFailure(e);
    }
  }

  public PostgresVaultRepository(DataSource database, BlobStore blobs) {
    this.database = database;
    this.blobs = blobs;
    this.versions = new VersionReads(database);
  }

  private static String user(String userId) {
    if (!USER_ID.matcher(userId).matches()) {
      throw new IllegalArgumentException("not a user id");
    }
    return userId;
  }

  private static String name(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a document name");
    }
    return name;
  }

  /** The database failed: a storage failure like any other (507, nothing changed). */
  private static final class DatabaseFailure extends StorageUnavailableException {
    private static final long serialVersionUID = 1L;

    DatabaseFailure(Throwable cause) {
      super(MESSAGE, cause);
    }
  }

  @Override
  public Optional<byte[]> readDocument(String userId, String name) {
    String user = user(userId);
    String document = name(name);
    return run(
        user,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT content FROM vault_documents WHERE user_id = ? AND name = ?")) {
            select.setString(1, user);
            select.setString(2, document);
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(row.getBytes(1)) : Optional.<byte[]>empty();
            }
          }
        });
  }

  /**
   * One query per round trip to the database, shared by the callers that ask at the same time
   * ({@link VersionReads}: never an answer read before the caller asked). A thread holding the
   * vault's lock reads on that lock's connection.
   */
  @Override
  public Optional<String> documentVersion(String userId, String name) {
    String user = user(userId);
    String document = name(name);
    try {
      Held mine = held.get(user);
      Optional<Long> version =
          mine != null && mine.owner() == Thread.currentThread()
              ? VersionReads.readOne(mine.connection(), user, document)
              : versions.version(user, document);
      return version.map(v -> "v" + v);
    } catch (SQLException e) {
      throw new DatabaseFailure(e);
    }
  }

  /** One statement: a reader sees the old row or the new one, never a mix. */
  @Override
  public void replaceDocument(String userId, String name, byte[] content) {
    String user = user(userId);
    String document = name(name);
    run(
        user,
        connection -> {
          try (PreparedStatement upsert =
              connection.prepareStatement(
                  "INSERT INTO vault_documents (user_id, name, version, content, updated_ts)"
                      + " VALUES (?, ?, 1, ?, EXTRACT(EPOCH FROM now())::bigint)"
                      + " ON CONFLICT (user_id, name) DO UPDATE SET content = EXCLUDED.content,"
                      + " version = vault_documents.version + 1,"
                      + " updated_ts = EXCLUDED.updated_ts")) {
            upsert.setString(1, user);
            upsert.setString(2, document);
            upsert.setBytes(3, content);
            return upsert.executeUpdate();
          }
        });
  }

  @Override
  public void deleteDocument(String userId, String name) {
    String user = user(userId);
    String document = name(name);
    run(
        user,
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM vault_documents WHERE user_id = ? AND name = ?")) {
            delete.setString(1, user);
            delete.setString(2, document);
            return delete.executeUpdate();
          }
        });
  }

  /** The vault's blobs (in the blob store), then its rows. */
  @Override
  public void deleteVault(String userId) throws IOException {
    String user = user(userId);
    blobs.deleteAllBlobs(user);
    run(
        user,
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM vault_documents WHERE user_id = ?")) {
            delete.setString(1, user);
            return delete.executeUpdate();
          }
        });
  }

  @Override
  public List<String> vaultIds() {
    try (Connection connection = database.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT DISTINCT user_id FROM vault_documents ORDER BY user_id");
        ResultSet rows = select.executeQuery()) {
      List<String> ids = new java.util.ArrayList<>();
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
      return ids;
    } catch (SQLException e) {
      throw new DatabaseFailure(e);
    }
  }

  @Override
  public List<String> documentNames(String userId) {
    String user = user(userId);
    return run(
        user,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT name FROM vault_documents WHERE user_id = ? ORDER BY name")) {
            select.setString(1, user);
            try (ResultSet rows = select.executeQuery()) {
              List<String> names = new java.util.ArrayList<>();
              while (rows.next()) {
                names.add(rows.getString(1));
              }
              return names;
            }
          }
        });
  }

  @Override
  public StorageUnavailableException unavailable(String userId, IOException cause) {
    return new DatabaseFailure(cause);
  }

  /**
   * The vault's lock across every node: {@code local} first (threads of this node queue there, not
   * on the database), then, on the first (not a re-entrant) acquisition, {@code pg_advisory_lock}
   * on a connection kept until the matching release.
   */
  @Override
  public Lock vaultLock(String userId, ReentrantLock local) {
    return new AcrossNodes(user(userId), local);
  }

  /** The advisory lock's key: 64 bits of SHA-256 over the vault's user id. */
  static long lockKey(String userId) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(("semptify vault " + userId).getBytes(StandardCharsets.UTF_8));
      long key = 0;
      for (int i = 0; i < 8; i++) {
        key = key << 8 | (hash[i] & 0xFF);
      }
      return key;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private final class AcrossNodes implements Lock {
    private final String userId;
    private final ReentrantLock local;

    AcrossNodes(String userId, ReentrantLock local) {
      this.userId = userId;
      this.local = local;
    }

    @Override
    public void lock() {
      local.lock();
      if (local.getHoldCount() > 1) {
        return;
      }
      boolean locked = false;
      try {
        Connection connection = database.getConnection();
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
          lock.setLong(1, lockKey(userId));
          lock.execute();
          held.put(userId, new Held(Thread.currentThread(), connection));
          locked = true;
        } finally {
          if (!locked) {
            connection.close();
          }
        }
      } catch (SQLException e) {
        throw new DatabaseFailure(e);
      } finally {
        if (!locked) {
          local.unlock();
        }
      }
    }

    @Override
    public void unlock() {
      try {
        if (local.getHoldCount() == 1) {
          Held mine = held.remove(userId);
          if (mine != null) {
            release(mine.connection());
          }
        }
      } finally {
        local.unlock();
      }
    }

    /**
     * Releases the advisory lock and returns the connection; when that fails the connection is
     * closed for good, which ends the session and its locks with it.
     */
    private void release(Connection connection) {
      try (connection;
          PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        unlock.setLong(1, lockKey(userId));
        unlock.execute();
      } catch (SQLException e) {
        abort(connection);
      }
    }

    private void abort(Connection connection) {
      try {
        connection.abort(Runnable::run);
      } catch (SQLException | RuntimeException e) {
        // the pool discards it; the server ends the session and releases its locks
      }
    }

    @Override
    public void lockInterruptibly() {
      lock();
    }

    @Override
    public boolean tryLock() {
      throw new UnsupportedOperationException("the vault's lock is only ever waited for");
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) {
      throw new UnsupportedOperationException("the vault's lock is only ever waited for");
    }

    @Override
    public Condition newCondition() {
      throw new UnsupportedOperationException("no conditions on the vault's lock");
    }
  }

  @Override
  public long writePending(String userId, String docId, BlobWriter writer) throws IOException {
    return blobs.writePending(userId, docId, writer);
  }

  @Override
  public void commitBlob(String userId, String docId) {
    blobs.commitBlob(userId, docId);
  }

  @Override
  public void discardPending(String userId, String docId) throws IOException {
    blobs.discardPending(userId, docId);
  }

  @Override
  public Optional<StoredBlob> openBlob(String userId, String docId) throws IOException {
    return blobs.openBlob(userId, docId);
  }

  @Override
  public void deleteBlob(String userId, String docId) throws IOException {
    blobs.deleteBlob(userId, docId);
  }

  @Override
  public List<BlobEntry> listBlobs(String userId) {
    return blobs.listBlobs(userId);
  }

  @Override
  public long usedBytes(String userId) {
    return blobs.usedBytes(userId);
  }
}

package org.semptify.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.store.file.FileBlobStore;
import org.semptify.testing.PostgresCluster;

/**
 * The manifest version a listing reads on every request: callers that ask while a read is in flight
 * share one query, which starts after all of them asked; none of them is ever answered from the
 * read that was already in flight (it may predate a change they must see).
 */
class VersionReadsTest {
  private static final String MANIFEST = "manifest";

  @TempDir Path blobs;

  private final List<String> versionQueries = new CopyOnWriteArrayList<>();

  /** Permits for version queries to return their rows; none until the test gives them. */
  private final Semaphore answer = new Semaphore(0);

  private final CountDownLatch firstSent = new CountDownLatch(1);
  private volatile boolean holding = true;
  private DataSource plain;

  @AfterEach
  void release() {
    holding = false;
    answer.release(1_000);
  }

  /**
   * A data source on {@code database} that records each version query executed and, while {@link
   * #holding}, keeps it from returning (after the database answered it) until {@link #answer} gives
   * a permit.
   */
  private DataSource held(DataSource database) {
    return proxy(
        DataSource.class,
        database,
        (target, method, args) -> {
          Object result = invoke(method, target, args);
          if (!method.getName().equals("getConnection")) {
            return result;
          }
          Connection connection = (Connection) result;
          return proxy(
              Connection.class,
              connection,
              (c, m, a) -> {
                Object made = invoke(m, c, a);
                if (!m.getName().equals("prepareStatement")
                    || !((String) a[0]).contains("version FROM vault_documents")) {
                  return made;
                }
                String sql = (String) a[0];
                return proxy(
                    PreparedStatement.class,
                    made,
                    (s, sm, sa) -> {
                      Object rows = invoke(sm, s, sa);
                      if (sm.getName().equals("executeQuery")) {
                        versionQueries.add(sql);
                        firstSent.countDown();
                        if (holding && !answer.tryAcquire(20, TimeUnit.SECONDS)) {
                          throw new AssertionError("the test never let the query answer");
                        }
                      }
                      return rows;
                    });
              });
        });
  }

  private PostgresVaultRepository node(DataSource database) {
    return new PostgresVaultRepository(database, new FileBlobStore(blobs));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void callersWhoAskWhileAReadIsInFlightShareTheNextQueryAndSeeWhatWasCommittedBefore()
      throws Exception {
    PostgresCluster cluster = PostgresCluster.shared();
    plain = cluster.dataSource(cluster.freshDatabase());
    PostgresVaultRepository writer = node(plain); // another node, writing
    PostgresVaultRepository reader = node(held(plain));
    writer.replaceDocument("u_a", MANIFEST, bytes("a1"));
    writer.replaceDocument("u_b", MANIFEST, bytes("b1"));
    writer.replaceDocument("u_b", MANIFEST, bytes("b2"));

    // A read is in flight: the database has answered it (version 1), its caller not yet.
    CompletableFuture<Optional<String>> inFlight =
        CompletableFuture.supplyAsync(() -> reader.documentVersion("u_a", MANIFEST));
    assertThat(firstSent.await(20, TimeUnit.SECONDS)).isTrue();

    // An upload is acknowledged on the other node after that read began.
    writer.replaceDocument("u_a", MANIFEST, bytes("a2"));

    // Then listings arrive on this node: two for u_a, one for u_b, one for a vault without rows.
    List<Thread> callers = new ArrayList<>();
    List<CompletableFuture<Optional<String>>> answers = new ArrayList<>();
    for (String user : List.of("u_a", "u_a", "u_b", "u_none")) {
      CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
      Thread caller =
          new Thread(
              () -> {
                try {
                  answer.complete(reader.documentVersion(user, MANIFEST));
                } catch (RuntimeException e) {
                  answer.completeExceptionally(e);
                }
              });
      caller.start();
      callers.add(caller);
      answers.add(answer);
    }
    // All of them wait (for the read in flight to end), none has sent a query of its own.
    for (Thread caller : callers) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (caller.getState() != Thread.State.WAITING) {
        assertThat(System.nanoTime()).as("the caller waits").isLessThan(deadline);
        Thread.sleep(5);
      }
    }
    assertThat(versionQueries).hasSize(1);

    answer.release(); // the read in flight ends ...
    assertThat(inFlight.get(20, TimeUnit.SECONDS)).contains("v1"); // it began before the upload
    answer.release(); // ... and the one query of the four that came after it answers them
    assertThat(answers.get(0).get(20, TimeUnit.SECONDS)).contains("v2");
    assertThat(answers.get(1).get(20, TimeUnit.SECONDS)).contains("v2");
    assertThat(answers.get(2).get(20, TimeUnit.SECONDS)).contains("v2");
    assertThat(answers.get(3).get(20, TimeUnit.SECONDS)).isEmpty();
    assertThat(versionQueries).hasSize(2);
    assertThat(versionQueries.get(0)).isEqualTo(VersionReads.ONE);
    assertThat(versionQueries.get(1)).isEqualTo(VersionReads.MANY);

    // Nobody in flight: a caller alone sends its own query at once, one row by primary key.
    holding = false;
    answer.release(1_000);
    assertThat(reader.documentVersion("u_a", MANIFEST)).contains("v2");
    assertThat(versionQueries).hasSize(3);
    assertThat(versionQueries.get(2)).isEqualTo(VersionReads.ONE);
  }

  @Test
  void aFailedSharedQueryFailsEveryCallerOfItAndTheNextReadWorks() throws Exception {
    PostgresCluster cluster = PostgresCluster.shared();
    String database = cluster.freshDatabase();
    plain = cluster.dataSource(database);
    PostgresVaultRepository writer = node(plain);
    writer.replaceDocument("u_a", MANIFEST, bytes("a1"));
    PostgresVaultRepository reader = node(held(plain));
    CompletableFuture<Optional<String>> inFlight =
        CompletableFuture.supplyAsync(() -> reader.documentVersion("u_a", MANIFEST));
    assertThat(firstSent.await(20, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Optional<String>> waiting = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                waiting.complete(reader.documentVersion("u_a", MANIFEST));
              } catch (RuntimeException e) {
                waiting.completeExceptionally(e);
              }
            });
    caller.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (caller.getState() != Thread.State.WAITING) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(5);
    }
    // The table goes away before the waiting caller's query is sent: that query fails.
    try (Connection connection = cluster.connect(database)) {
      connection.createStatement().execute("ALTER TABLE vault_documents RENAME TO gone");
    }
    answer.release();
    assertThat(inFlight.get(20, TimeUnit.SECONDS)).contains("v1");
    assertThat(catchFailure(waiting))
        .isInstanceOf(org.semptify.ops.StorageUnavailableException.class);
    try (Connection connection = cluster.connect(database)) {
      connection.createStatement().execute("ALTER TABLE gone RENAME TO vault_documents");
    }
    holding = false;
    answer.release(1_000);
    assertThat(reader.documentVersion("u_a", MANIFEST)).contains("v1");
  }

  private static Throwable catchFailure(CompletableFuture<?> future) throws Exception {
    try {
      future.get(20, TimeUnit.SECONDS);
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
  }

  interface Handler {
    Object handle(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable;
  }

  private static <T> T proxy(Class<T> type, Object target, Handler handler) {
    InvocationHandler invocation = (p, method, args) -> handler.handle(target, method, args);
    return type.cast(
        Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, invocation));
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}

package org.semptify.store.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Clock;
import javax.sql.DataSource;
import org.semptify.config.DatabaseSettings;
import org.semptify.config.Secret;
import org.semptify.ops.CheckResult;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventSink;
import org.semptify.ops.EventSource;
import org.semptify.ops.ReadinessCheck;
import org.semptify.store.AdminTokenRepository;
import org.semptify.store.RateLimitStore;
import org.semptify.store.ShareRepository;
import org.semptify.store.Storage;
import org.semptify.store.UserRepository;

/**
 * {@code SEMPTIFY_STORE=postgres}: the repositories on one PostgreSQL database, shared by every
 * node and by the command line. As a {@link ReadinessCheck} ({@code database}) it tells whether the
 * database answers.
 */
public final class PostgresStorage implements Storage, ReadinessCheck, AutoCloseable {
  private static final int CHECK_TIMEOUT_SECONDS = 2;
  private static final long HEALTH_NANOS = 1_000_000_000L;

  private final Sql sql;
  private final ObjectMapper json;
  private final PrintStream stdout;
  private final AutoCloseable pool;
  private volatile Health health;

  private PostgresStorage(
      DataSource dataSource, ObjectMapper json, PrintStream stdout, AutoCloseable pool) {
    this.sql = new Sql(dataSource);
    this.json = json;
    this.stdout = stdout;
    this.pool = pool;
  }

  /**
   * Connects (waiting for a database still starting), migrates the schema and opens a pool of at
   * most {@code poolSize} connections. Events are also written to {@code stdout}.
   */
  public static PostgresStorage open(
      DatabaseSettings settings,
      ObjectMapper json,
      PrintStream stdout,
      String poolName,
      int poolSize) {
    PostgresDatabase database = PostgresDatabase.open(settings, poolName, poolSize);
    return new PostgresStorage(database.dataSource(), json, stdout, database);
  }

  /**
   * For one command-line call: no pool (nothing to close), events stored but not echoed (the
   * command's own standard output is its answer).
   */
  public static PostgresStorage openForCommand(DatabaseSettings settings, ObjectMapper json) {
    return new PostgresStorage(
        PostgresDatabase.openUnpooled(settings),
        json,
        new PrintStream(java.io.OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8),
        () -> {});
  }

  /** On a data source already migrated (tests); closing leaves it open. */
  public static PostgresStorage on(DataSource dataSource, ObjectMapper json, PrintStream stdout) {
    return new PostgresStorage(dataSource, json, stdout, () -> {});
  }

  Sql sql() {
    return sql;
  }

  ObjectMapper json() {
    return json;
  }

  public DataSource dataSource() {
    return sql.dataSource();
  }

  /** Table {@code events}; each event also goes to standard output as a JSON line. */
  @Override
  public EventSink events(long maxBytes, int backups) {
    return new PostgresEventSink(this, stdout);
  }

  @Override
  public EventSource eventSource() {
    return new PostgresEventSource(this);
  }

  @Override
  public AdminTokenRepository adminTokens(EventLog events) {
    return new PostgresAdminTokenRepository(this);
  }

  @Override
  public UserRepository users(EventLog events) {
    return new PostgresUserRepository(this);
  }

  @Override
  public ShareRepository shares() {
    return new PostgresShareRepository(this);
  }

  /** A rate limit every node counts in; {@code limiter} names it apart from the others. */
  public RateLimitStore rateLimit(String limiter, int max, long windowMillis, Clock clock) {
    return new PostgresRateLimitStore(this, limiter, max, windowMillis, clock);
  }

  /** The server's keys, encrypted under {@code secret} ({@code SEMPTIFY_SECRET}). */
  public PostgresKeyMaterial keys(Secret secret, long nowSeconds) {
    return new PostgresKeyMaterial(this, secret, nowSeconds);
  }

  @Override
  public String name() {
    return "database";
  }

  @Override
  public CheckResult check() {
    String problem = problem();
    return problem == null ? CheckResult.ok("answers") : CheckResult.failed(problem);
  }

  /**
   * Null when the database answers, else why not (the SQLSTATE only, never the driver's message: it
   * may name the host or the user). One probe serves every caller for a second, so a {@code
   * /readyz} whose checks all ask (the database, users, admin tokens, events) waits for one probe,
   * not four, while the database is away; and no probe is needed while other statements succeed
   * (one that did less than a second ago is the same answer, without another round trip on the
   * request that asks).
   */
  String problem() {
    if (sql.answeredWithin(HEALTH_NANOS)) {
      return null;
    }
    long now = System.nanoTime();
    Health last = health;
    if (last != null && now - last.at() < HEALTH_NANOS) {
      return last.problem();
    }
    synchronized (this) {
      last = health;
      if (last != null && System.nanoTime() - last.at() < HEALTH_NANOS) {
        return last.problem();
      }
      String problem = probe();
      health = new Health(System.nanoTime(), problem);
      return problem;
    }
  }

  /**
   * For a request about to use the database (an authenticated request, fail closed with 503 when
   * the database is away): null while the last call ended well, without a round trip of its own;
   * after a failure (or before any call), as {@link #problem()}, which probes at most once a
   * second. Readiness keeps probing ({@link #check()}): an idle node must still notice.
   */
  String knownProblem() {
    return sql.lastAnswered() ? null : problem();
  }

  private String probe() {
    try {
      sql.run(
          connection -> {
            try (PreparedStatement probe =
                connection.prepareStatement("SELECT 1 FROM flyway_schema_history LIMIT 1")) {
              probe.setQueryTimeout(CHECK_TIMEOUT_SECONDS);
              probe.executeQuery().close();
            }
            return null;
          });
      return null;
    } catch (DatabaseUnavailableException e) {
      return "database unavailable"
          + (e.sqlState().isEmpty() ? "" : " (SQLSTATE " + e.sqlState() + ")");
    }
  }

  private record Health(long at, String problem) {}

  @Override
  public void close() throws Exception {
    pool.close();
  }
}

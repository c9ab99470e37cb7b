package org.semptify.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.opentest4j.TestAbortedException;
import org.postgresql.ds.PGSimpleDataSource;
import org.semptify.config.DatabaseSettings;
import org.semptify.config.Secret;
import org.semptify.store.postgres.PostgresSchema;

/**
 * A real, throw-away PostgreSQL server for tests: Debian's server binaries ({@code initdb}, {@code
 * pg_ctl}, from the PATH or {@code /usr/lib/postgresql/<version>/bin}) start a cluster under a
 * temporary folder, on a free port on 127.0.0.1, once per test JVM, shared by every test and
 * stopped (and its folder removed) when the JVM exits. As root it runs as the unprivileged {@code
 * postgres} user (else {@code nobody}): initdb refuses root.
 *
 * <p>Each test takes a {@link #freshDatabase()}: a new database cloned from one the jar's Flyway
 * migrations were applied to, so tests never see each other's rows.
 *
 * <p>Without the binaries a test that needs the server is skipped, saying so, except under CI
 * ({@code CI=true}, as {@code .ci/run} runs), where it fails: there the server must be tested.
 */
public final class PostgresCluster {
  /** The superuser tests connect as (over TCP, with {@link #password}). */
  public static final String SUPERUSER = "semptify";

  /**
   * System property: {@code true} keeps PostgreSQL's durability (fsync, synchronous commit, full
   * page writes), which the tests turn off for speed; the benchmark ({@code bench/run}) sets it, so
   * that a commit costs there what it costs in production. Read when the cluster starts.
   */
  public static final String DURABLE_PROPERTY = "semptify.postgres.durable";

  private static final String TEMPLATE = "semptify_migrated";
  private static final Object LOCK = new Object();
  private static PostgresCluster shared;
  private static RuntimeException startFailure;

  private final Path binaries;
  private final Path folder;
  private final Path data;
  private final int port;
  private final String password;
  private final Optional<String> runAs;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresCluster(
      Path binaries, Path folder, int port, String password, Optional<String> runAs) {
    this.binaries = binaries;
    this.folder = folder;
    this.data = folder.resolve("data");
    this.port = port;
    this.password = password;
    this.runAs = runAs;
  }

  /**
   * The cluster of this JVM, started on first use. Skips the calling test when the binaries are
   * missing outside CI; fails it under CI or when the server does not start.
   */
  public static PostgresCluster shared() {
    synchronized (LOCK) {
      if (shared != null) {
        return shared;
      }
      if (startFailure != null) {
        throw startFailure;
      }
      Optional<Path> binaries = findBinaries();
      if (binaries.isEmpty()) {
        String reason =
            "PostgreSQL server binaries (initdb, pg_ctl) not found on the PATH or in"
                + " /usr/lib/postgresql/*/bin; install Debian's 'postgresql' package (.ci/run does)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          startFailure = new IllegalStateException("CI=true but " + reason);
          throw startFailure;
        }
        throw new TestAbortedException("skipped: " + reason);
      }
      try {
        shared = start(binaries.get());
      } catch (IOException | RuntimeException e) {
        startFailure = new IllegalStateException("the test PostgreSQL server did not start", e);
        throw startFailure;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return shared;
    }
  }

  /** Whether the server binaries are on this machine (the test is skipped or failed when not). */
  public static boolean available() {
    return findBinaries().isPresent();
  }

  public int port() {
    return port;
  }

  public String password() {
    return password;
  }

  /**
   * The server's log (its standard error): what {@code log_statement}, set for one database with
   * {@code ALTER DATABASE … SET log_statement = 'all'}, writes for that database's sessions.
   */
  public Path serverLog() {
    return folder.resolve("server.log");
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /**
   * A new, migrated, empty database; returns its name. Cloned from a template database, it takes
   * milliseconds, not a migration.
   */
  public String freshDatabase() {
    String name = "t" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
    execute("postgres", "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    return name;
  }

  /** Settings as {@code SEMPTIFY_DATABASE_*} would give them, for database {@code name}. */
  public DatabaseSettings settings(String database) {
    return new DatabaseSettings(
        jdbcUrl(database),
        Optional.of(SUPERUSER),
        Optional.of(Secret.ofUtf8(password)),
        "SEMPTIFY_DATABASE_USER/SEMPTIFY_DATABASE_PASSWORD",
        5);
  }

  /** The environment a server or command needs to use database {@code name}. */
  public Map<String, String> environment(String database) {
    return Map.of(
        "SEMPTIFY_STORE",
        "postgres",
        "SEMPTIFY_DATABASE_URL",
        jdbcUrl(database),
        "SEMPTIFY_DATABASE_USER",
        SUPERUSER,
        "SEMPTIFY_DATABASE_PASSWORD",
        password);
  }

  /**
   * A data source on {@code database} as the superuser, without a pool: each {@code
   * getConnection()} opens its own connection (as many as a test needs, each closed by its user).
   */
  public DataSource dataSource(String database) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(jdbcUrl(database));
    source.setUser(SUPERUSER);
    source.setPassword(password);
    return source;
  }

  /** A plain connection to {@code database} as the superuser (the caller closes it). */
  public Connection connect(String database) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", SUPERUSER);
    properties.setProperty("password", password);
    return DriverManager.getConnection(jdbcUrl(database), properties);
  }

  /** Runs one statement (DDL, an update) in {@code database}. */
  public void execute(String database, String sql) {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test database statement failed: " + e.getMessage(), e);
    }
  }

  private static PostgresCluster start(Path binaries) throws IOException, InterruptedException {
    Optional<String> runAs = runAsUser();
    Path folder = Files.createTempDirectory("semptify-pg-");
    String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    Path passwordFile = folder.resolve("pwfile");
    Files.writeString(passwordFile, password + "\n", StandardCharsets.US_ASCII);
    if (runAs.isPresent()) {
      UserPrincipal owner =
          folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAs.get());
      Files.setOwner(folder, owner);
      Files.setOwner(passwordFile, owner);
    }
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    int port = freePort();
    PostgresCluster cluster = new PostgresCluster(binaries, folder, port, password, runAs);
    cluster.run(
        List.of(
            binaries.resolve("initdb").toString(),
            "-D",
            cluster.data.toString(),
            "-U",
            SUPERUSER,
            "--pwfile=" + passwordFile,
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync"),
        120);
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "test-postgres-stop"));
    cluster.run(
        List.of(
            binaries.resolve("pg_ctl").toString(),
            "-D",
            cluster.data.toString(),
            "-l",
            folder.resolve("server.log").toString(),
            "-w",
            "-t",
            "60",
            "-o",
            "-c listen_addresses=127.0.0.1 -c port="
                + port
                + " -c unix_socket_directories="
                + folder
                + (Boolean.getBoolean(DURABLE_PROPERTY)
                    ? ""
                    : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
                + " -c max_connections=300 -c shared_buffers=32MB",
            "start"),
        90);
    cluster.execute("postgres", "CREATE DATABASE " + TEMPLATE);
    PGSimpleDataSource template = new PGSimpleDataSource();
    template.setUrl(cluster.jdbcUrl(TEMPLATE));
    template.setUser(SUPERUSER);
    template.setPassword(password);
    PostgresSchema.migrate(template);
    return cluster;
  }

  private void run(List<String> command, int timeoutSeconds)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (runAs.isPresent()) {
      full.addAll(List.of("runuser", "-u", runAs.get(), "--"));
    }
    full.addAll(command);
    Path output = Files.createTempFile("semptify-pg-cmd-", ".log");
    try {
      Process process =
          new ProcessBuilder(full)
              .directory(folder.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(command.get(0) + " did not finish in " + timeoutSeconds + " s");
      }
      if (process.exitValue() != 0) {
        String log = Files.readString(output, StandardCharsets.UTF_8);
        Path serverLog = folder.resolve("server.log");
        if (Files.isReadable(serverLog)) {
          log += "\n--- server.log\n" + Files.readString(serverLog, StandardCharsets.UTF_8);
        }
        throw new IOException(command.get(0) + " exited " + process.exitValue() + ":\n" + log);
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private void stop() {
    try {
      run(
          List.of(
              binaries.resolve("pg_ctl").toString(),
              "-D",
              data.toString(),
              "-m",
              "immediate",
              "-w",
              "stop"),
          30);
    } catch (IOException | RuntimeException e) {
      // the JVM is exiting; the folder is removed below either way
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: it is under the temporary folder
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** As root, the unprivileged user to run the server as. */
  private static Optional<String> runAsUser() throws IOException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.empty();
    }
    for (String user : List.of("postgres", "nobody")) {
      for (String line : Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8)) {
        if (line.startsWith(user + ":")) {
          return Optional.of(user);
        }
      }
    }
    throw new IOException("running as root, but neither 'postgres' nor 'nobody' exists");
  }

  /** The folder holding initdb, pg_ctl and postgres, all of one version. */
  static Optional<Path> findBinaries() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(":")) {
        Path pgCtl = Path.of(entry.isEmpty() ? "." : entry, "pg_ctl");
        if (Files.isExecutable(pgCtl)) {
          try {
            Path folder = pgCtl.toRealPath().getParent();
            if (complete(folder)) {
              return Optional.of(folder);
            }
          } catch (IOException e) {
            // a broken link: look further
          }
        }
      }
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      List<Path> versions = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(debian)) {
        entries.forEach(versions::add);
      } catch (IOException e) {
        return Optional.empty();
      }
      versions.sort(
          Comparator.comparingInt(
              (Path p) -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.matches("\\d+") ? Integer.parseInt(name) : -1;
              }));
      for (int i = versions.size() - 1; i >= 0; i--) {
        Path folder = versions.get(i).resolve("bin");
        if (complete(folder)) {
          return Optional.of(folder);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean complete(Path folder) {
    return Files.isExecutable(folder.resolve("initdb"))
        && Files.isExecutable(folder.resolve("pg_ctl"))
        && Files.isExecutable(folder.resolve("postgres"));
  }
}

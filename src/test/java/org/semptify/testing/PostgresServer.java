package org.semptify.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.opentest4j.TestAbortedException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for the tests: Debian's server binaries ({@code
 * /usr/lib/postgresql/<version>/bin}) run a throw-away cluster ({@code initdb} into a temporary
 * folder, on a free loopback port, as the unprivileged user {@code nobody} when the tests run as
 * root), started once per test JVM and stopped when it exits. Each test takes a fresh database.
 *
 * <p>Where the binaries are missing, {@link #shared()} skips the calling test and says why; under
 * {@code CI=true} it fails instead.
 */
public final class PostgresServer {
  private static final String USER = "semptify";
  private static PostgresServer shared;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final int port;

  private PostgresServer(int port) {
    this.port = port;
  }

  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  private static Path binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        return versions
            .map(v -> v.resolve("bin"))
            .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
            .filter(bin -> Files.isExecutable(bin.resolve("postgres")))
            .max(Comparator.comparing(bin -> bin.getParent().getFileName().toString()))
            .orElse(null);
      } catch (IOException e) {
        return null;
      }
    }
    return null;
  }

  private static PostgresServer start() {
    Path bin = binaries();
    if (bin == null) {
      String reason =
          "PostgreSQL's server binaries are missing (/usr/lib/postgresql/<version>/bin/initdb):"
              + " apt-get install postgresql";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(reason + " (CI=true: not skipping)");
      }
      throw new TestAbortedException(reason);
    }
    try {
      Path home = Files.createTempDirectory("semptify-postgres");
      boolean root = "root".equals(System.getProperty("user.name"));
      if (root) {
        UserPrincipal nobody =
            home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(home, nobody);
      }
      Path data = home.resolve("data");
      int port = freePort();
      run(
          root,
          home,
          bin.resolve("initdb").toString(),
          "-D",
          data.toString(),
          "-U",
          USER,
          "--auth=trust",
          "-E",
          "UTF8",
          "--no-sync");
      run(
          root,
          home,
          bin.resolve("pg_ctl").toString(),
          "-D",
          data.toString(),
          "-l",
          home.resolve("postgres.log").toString(),
          "-w",
          "-o",
          "-p "
              + port
              + " -k "
              + home
              + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
              + " -c max_connections=200",
          "start");
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      run(
                          root,
                          home,
                          bin.resolve("pg_ctl").toString(),
                          "-D",
                          data.toString(),
                          "-m",
                          "immediate",
                          "stop");
                      deleteTree(home);
                    } catch (IOException | InterruptedException | RuntimeException e) {
                      // a temporary folder left behind
                    }
                  },
                  "postgres-stop"));
      return new PostgresServer(port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void run(boolean root, Path home, String... command)
      throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    if (root) {
      line.addAll(List.of("runuser", "-u", "nobody", "--"));
    }
    line.addAll(List.of(command));
    Process process =
        new ProcessBuilder(line)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("commands.log").toFile()))
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          String.join(" ", command)
              + " failed: "
              + Files.readString(home.resolve("commands.log"), StandardCharsets.UTF_8));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public String user() {
    return USER;
  }

  /** Creates a fresh, empty database and returns its name. */
  public String newDatabase() {
    String name =
        "semptify_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection connection = dataSource("postgres").getConnection();
        Statement create = connection.createStatement()) {
      create.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return name;
  }

  /** A plain (unpooled) data source on {@code database}. */
  public DataSource dataSource(String database) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(url(database));
    source.setUser(USER);
    return source;
  }
}

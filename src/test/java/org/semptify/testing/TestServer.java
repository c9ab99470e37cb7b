package org.semptify.testing;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.semptify.app.App;
import org.semptify.config.Settings;
import org.semptify.config.SettingsLoader;

/** Starts the real server on a free port with a temporary data root; talks to it over HTTP. */
public final class TestServer implements AutoCloseable {
  private final App app;
  private final Path dataRoot;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private TestServer(App app, Path dataRoot) {
    this.app = app;
    this.dataRoot = dataRoot;
    this.process = null;
    this.processPort = 0;
  }

  // --- a server in its own JVM (a node of several; killable) ---

  private final Process process;
  private final int processPort;

  private TestServer(Process process, int port, Path dataRoot) {
    this.app = null;
    this.dataRoot = dataRoot;
    this.process = process;
    this.processPort = port;
  }

  /**
   * Starts {@code semptify serve} in a child JVM with the builder's environment and waits for it to
   * listen: a real, separate node, which {@link #kill()} can end as {@code kill -9} does.
   */
  static TestServer startProcess(Path dataRoot, Map<String, String> env) {
    try {
      Process process = CliProcess.start(dataRoot, env, "serve");
      process.getOutputStream().close();
      java.io.BufferedReader out =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      java.util.concurrent.CompletableFuture<Integer> port =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  for (String line = out.readLine(); line != null; line = out.readLine()) {
                    java.util.regex.Matcher listening =
                        java.util.regex.Pattern.compile("listening on port (\\d+)").matcher(line);
                    if (listening.find()) {
                      return Integer.parseInt(listening.group(1));
                    }
                  }
                  return -1;
                } catch (IOException e) {
                  return -1;
                }
              });
      int found;
      try {
        found = port.get(60, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        found = -1;
      }
      if (found < 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "semptify serve did not start: "
                + new String(
                    process.getErrorStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
      }
      // Keep draining its output so that it never blocks on a full pipe.
      Thread drain =
          new Thread(
              () -> {
                try {
                  while (out.readLine() != null) {
                    // discard
                  }
                  process.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException e) {
                  // the node is gone
                }
              },
              "node-output");
      drain.setDaemon(true);
      drain.start();
      return new TestServer(process, found, dataRoot);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Ends a node started with {@link Builder#startProcess()} at once (SIGKILL): no clean-up. */
  public void kill() {
    if (process == null) {
      throw new IllegalStateException("not a node in its own JVM");
    }
    process.destroyForcibly();
    try {
      process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int port() {
    return app != null ? app.port() : processPort;
  }

  public static Builder builder(Path dataRoot) {
    return new Builder(dataRoot);
  }

  public static TestServer start(Path dataRoot) {
    return builder(dataRoot).start();
  }

  public static final class Builder {
    private final Path dataRoot;
    private final Map<String, String> env = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private Consumer<RoutesConfig> extraRoutes = routes -> {};

    private Builder(Path dataRoot) {
      this.dataRoot = dataRoot;
      env.put("SEMPTIFY_DATA_ROOT", dataRoot.toString());
      env.put("SEMPTIFY_PORT", "0");
    }

    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Test-only endpoints, e.g. one that throws, to exercise the pipeline. */
    public Builder extraRoutes(Consumer<RoutesConfig> extraRoutes) {
      this.extraRoutes = extraRoutes;
      return this;
    }

    public Settings settings() {
      return SettingsLoader.load(env, dataRoot);
    }

    /** As {@link #start()}, but in a child JVM ({@code semptify serve}), as a separate node. */
    public TestServer startProcess() {
      return TestServer.startProcess(dataRoot, env);
    }

    public TestServer start() {
      App app = App.create(settings(), clock, extraRoutes).start();
      return new TestServer(app, dataRoot);
    }
  }

  /** A new cookie-keeping client, like a fresh browser profile. */
  public Browser browser() {
    return new Browser(this);
  }

  public App app() {
    return app;
  }

  public Path dataRoot() {
    return dataRoot;
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  public HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return send(request(pathAndQuery).GET().build());
  }

  public HttpResponse<String> getHtml(String pathAndQuery) {
    return send(request(pathAndQuery).header("Accept", "text/html").GET().build());
  }

  public HttpResponse<String> post(String pathAndQuery, String formBody) {
    return send(
        request(pathAndQuery)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(formBody))
            .build());
  }

  /** Everything written under logs/ so far, all files concatenated. */
  public String allLogs() {
    StringBuilder all = new StringBuilder();
    try (var files = Files.walk(dataRoot.resolve("logs"))) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        all.append(Files.readString(file));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return all.toString();
  }

  /** One file under logs/, or "" when it does not exist yet. */
  public String allLogsOf(String fileName) {
    try {
      Path log = dataRoot.resolve("logs").resolve(fileName);
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Waits (up to 5 s) until a file under logs/ contains {@code expected}: access lines are written
   * just after the response has been sent.
   */
  public String awaitLog(String fileName, String expected) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    String text = allLogsOf(fileName);
    while (!text.contains(expected) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      text = allLogsOf(fileName);
    }
    return text;
  }

  public String eventsLog() {
    try {
      Path log = dataRoot.resolve("logs/events.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Stops the server as production does (App.stop closes idle connections at once). */
  @Override
  public void close() {
    if (app != null) {
      app.stop();
      return;
    }
    process.destroy(); // SIGTERM: a graceful stop
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}

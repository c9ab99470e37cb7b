package org.semptify.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One server node in its own JVM ({@code semptify serve}, port 0), as several identical nodes run
 * behind a load balancer. Its standard output and error are read all the time (a server whose pipe
 * fills up would block on its next event line) and kept for the test: in {@code
 * SEMPTIFY_STORE=postgres} mode standard output carries every event as a JSON line, so the port is
 * taken from the line {@code Semptify listening on port N}, wherever it comes.
 */
public final class NodeProcess implements AutoCloseable {
  private static final String LISTENING = "Semptify listening on port ";

  private final Process process;
  private final List<String> stdout = new ArrayList<>();
  private final StringBuilder stderr = new StringBuilder();
  private final CompletableFuture<Integer> port = new CompletableFuture<>();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private NodeProcess(Process process) {
    this.process = process;
    Thread out = new Thread(() -> readStdout(process.getInputStream()), "node-stdout");
    out.setDaemon(true);
    out.start();
    Thread err = new Thread(() -> readStderr(process.getErrorStream()), "node-stderr");
    err.setDaemon(true);
    err.start();
  }

  /**
   * Starts {@code semptify serve} with {@code env} (plus {@code SEMPTIFY_DATA_ROOT=dataRoot} and
   * {@code SEMPTIFY_PORT=0}) and waits until it listens (at most 60 s).
   */
  public static NodeProcess start(Path dataRoot, Map<String, String> env) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("SEMPTIFY_DATA_ROOT", dataRoot.toString());
    all.putIfAbsent("SEMPTIFY_PORT", "0");
    NodeProcess node = new NodeProcess(CliProcess.start(dataRoot, all, "serve"));
    try {
      node.port.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      node.close();
      throw new IllegalStateException(
          "the node did not start (exit "
              + (node.process.isAlive() ? "-" : node.process.exitValue())
              + "): "
              + node.stderr(),
          e);
    }
    return node;
  }

  public int port() {
    return port.join();
  }

  public Process process() {
    return process;
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

  /** Every line the node wrote to standard output so far. */
  public synchronized List<String> stdout() {
    return List.copyOf(stdout);
  }

  public synchronized String stderr() {
    return stderr.toString();
  }

  private void readStdout(InputStream in) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        synchronized (this) {
          stdout.add(line);
        }
        if (line.startsWith(LISTENING)) {
          port.complete(Integer.parseInt(line.substring(LISTENING.length()).strip()));
        }
      }
    } catch (IOException | NumberFormatException e) {
      port.completeExceptionally(e);
    }
    port.completeExceptionally(new IOException("the node's standard output ended"));
  }

  private void readStderr(InputStream in) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        synchronized (this) {
          stderr.append(line).append('\n');
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** SIGKILL: no shutdown hook runs, as when a machine dies. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
  }

  /** SIGTERM, then waits for the graceful stop (SIGKILL after 20 s). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}

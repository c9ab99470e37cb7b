package org.semptify.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server under test in its own JVM: started, timed to readiness, inspected, stopped. */
final class ServerProcess implements AutoCloseable {
  static final String HEAP = "-Xmx256m";

  /** Set by {@code bench/run --profile}: each server JVM records JFR into target/bench/. */
  static final String PROFILE_PROPERTY = "semptify.bench.profile";

  private final Process process;
  private final int port;
  private final double startupMillis;

  private ServerProcess(Process process, int port, double startupMillis) {
    this.process = process;
    this.port = port;
    this.startupMillis = startupMillis;
  }

  /**
   * Starts the server as the README does ({@code bin/semptify serve}, so with the launcher's JVM
   * options) on a free port with a data root of its own.
   */
  static ServerProcess semptify(Path dataRoot, Map<String, String> env) throws Exception {
    int port = freePort();
    ProcessBuilder builder = new ProcessBuilder("bin/semptify", "serve");
    builder.environment().put("SEMPTIFY_JAVA_OPTS", String.join(" ", jvmOptions(dataRoot)));
    builder.environment().put("SEMPTIFY_DATA_ROOT", dataRoot.toString());
    builder.environment().put("SEMPTIFY_PORT", String.valueOf(port));
    builder.environment().putAll(env);
    // The log goes beside the data root, which stays as the server leaves it.
    return start(
        builder, port, dataRoot.resolveSibling(dataRoot.getFileName() + ".out"), "/readyz");
  }

  /** The heap limit, and with --profile a flight recording named after the data root. */
  private static java.util.List<String> jvmOptions(Path dataRoot) {
    if (!Boolean.getBoolean(PROFILE_PROPERTY)) {
      return java.util.List.of(HEAP);
    }
    Path recording = Path.of("target", "bench", dataRoot.getFileName() + ".jfr").toAbsolutePath();
    return java.util.List.of(
        HEAP, "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
  }

  /** Starts the bare Javalin server of {@link BareServer} in a JVM like the real one's. */
  static ServerProcess bare(Path logDir) throws Exception {
    int port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(
            java(),
            HEAP,
            "-XX:+UseSerialGC", // the collector bin/semptify gives the real server
            "-cp",
            System.getProperty("java.class.path"),
            BareServer.class.getName(),
            String.valueOf(port));
    return start(builder, port, logDir.resolve("bare.out"), "/health");
  }

  private static ServerProcess start(ProcessBuilder builder, int port, Path log, String readyPath)
      throws Exception {
    Files.createDirectories(log.getParent());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    long started = System.nanoTime();
    Process process = builder.start();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
    URI ready = URI.create("http://127.0.0.1:" + port + readyPath);
    while (true) {
      if (!process.isAlive()) {
        throw new IOException("the server exited: " + Files.readString(log));
      }
      try {
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(ready).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          break;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() - started > 60_000_000_000L) {
        process.destroyForcibly();
        throw new IOException("the server was not ready within 60 s");
      }
      Thread.sleep(5);
    }
    return new ServerProcess(process, port, (System.nanoTime() - started) / 1e6);
  }

  int port() {
    return port;
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  double startupMillis() {
    return startupMillis;
  }

  /** Resident set size in MB, from /proc. */
  double rssMegabytes() throws IOException {
    for (String line :
        Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IOException("no VmRSS");
  }

  /** Heap in use after a full collection, in MB, asked of the JVM with jcmd. */
  double heapUsedAfterGcMegabytes() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    // One line for G1's heap; one per generation for the serial collector: add them up.
    Matcher m = Pattern.compile("(?:heap|generation) +total \\d+K, used (\\d+)K").matcher(info);
    long usedKilobytes = 0;
    boolean found = false;
    while (m.find()) {
      usedKilobytes += Long.parseLong(m.group(1));
      found = true;
    }
    if (!found) {
      throw new IOException("unexpected GC.heap_info: " + info);
    }
    return usedKilobytes / 1024.0;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(List.of(jcmd.toString(), String.valueOf(process.pid()), command))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM: the server drains and stops
    if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

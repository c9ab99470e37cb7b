package org.semptify.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semptify.crypto.StreamingCipher;
import org.semptify.users.UserStore;

/**
 * The benchmark harness behind {@code bench/run}: starts the real server (and a bare one) in their
 * own JVMs with {@code -Xmx256m}, prepares data through the real store code, drives load from other
 * processes on loopback, and prints every figure beside the ceiling it is measured against.
 */
public final class Bench {
  private static final String BOUNDARY = "----semptify-bench-boundary";

  /** The groups of the full run, in order. */
  private static final List<String> GROUPS =
      List.of("listing", "ops", "upload", "backup", "stores");

  /** What --only takes: a group, or {@code metrics}, scenario 5 alone (part of ops). */
  private static final List<String> ONLY =
      List.of("listing", "ops", "upload", "backup", "stores", "metrics");

  private final boolean quick;
  private final Path work;
  private final Report report = new Report();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private Bench(boolean quick, Path work) {
    this.quick = quick;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    List<String> options = Arrays.asList(args);
    if (options.contains("--help")) {
      System.out.println(
          "usage: bench/run [--quick] [--bare] [--only listing|ops|upload|backup|stores|metrics]\n"
              + "                 [--profile] [--against URL [--against-token TOKEN]]\n"
              + "  --quick  smaller data and shorter runs (under 2 minutes)\n"
              + "  --bare   only the bare-framework ceiling for /health\n"
              + "  --only   one group of scenarios: listing (1, 2, 6), ops (3, 5, 7), upload (4),\n"
              + "           backup (8) or stores (9: listing, registration and upload on files,\n"
              + "           files + S3 blobs and PostgreSQL + S3, side by side), or metrics\n"
              + "           (5 alone: bare /health, /health and /metrics alternately, under 3 minutes)\n"
              + "  --profile  record each server with JFR into target/bench/<scenario>.jfr\n"
              + "           (figures are then slightly lower: read them for where time goes)\n"
              + "  --against URL  only the GET scenarios (/health, /api/vault, /vault as HTML),\n"
              + "           alternately against this server and the one at URL (e.g. the original,\n"
              + "           started by hand), printed side by side with the ratio\n"
              + "  --against-token TOKEN  sent to URL as X-User-Token for the vault scenarios");
      return;
    }
    int only = options.indexOf("--only");
    List<String> groups = GROUPS;
    if (only >= 0) {
      if (only + 1 >= options.size() || !ONLY.contains(options.get(only + 1))) {
        System.err.println("bench/run: --only takes one of " + String.join(", ", ONLY));
        System.exit(2);
      }
      groups = List.of(options.get(only + 1));
    }
    if (options.contains("--profile")) {
      System.setProperty(ServerProcess.PROFILE_PROPERTY, "true");
      Files.createDirectories(Path.of("target", "bench"));
    }
    Path work = Files.createTempDirectory("semptify-bench");
    Bench bench = new Bench(options.contains("--quick"), work);
    int against = options.indexOf("--against");
    int againstToken = options.indexOf("--against-token");
    if (against >= 0 && against + 1 >= options.size()) {
      System.err.println("bench/run: --against takes the other server's base URL");
      System.exit(2);
    }
    System.out.println(Report.header());
    try {
      if (against >= 0) {
        bench.against(
            options.get(against + 1).replaceAll("/+$", ""),
            againstToken >= 0 && againstToken + 1 < options.size()
                ? options.get(againstToken + 1)
                : null);
      } else if (options.contains("--bare")) {
        bench.bare();
      } else {
        bench.run(groups);
      }
    } finally {
      bench.report.printGoals();
      bench.report.write(Path.of("target", "bench", "results.json"));
      deleteTree(work);
    }
    System.out.println(
        "\nwrote target/bench/results.json (load: wrk, "
            + Wrk.THREADS
            + " threads, "
            + Wrk.CONNECTIONS
            + " connections, on loopback)");
  }

  private int seconds() {
    return quick ? 3 : 10;
  }

  private void run(List<String> groups) throws Exception {
    report.note("mode", quick ? "quick" : "full");
    int many = quick ? 20_000 : 100_000;
    if (groups.contains("listing")) {
      emptyStart();
      double small = vaultListing(100, "100 users", Double.NaN);
      vaultListing(many, many + " users", small);
    }
    if (groups.contains("ops")) {
      ops(many);
    }
    if (groups.contains("metrics")) {
      try (ServerProcess bare = ServerProcess.bare(work);
          ServerProcess server = start(many, "ops")) {
        healthAndMetrics(bare, server);
      }
    }
    if (groups.contains("upload")) {
      upload();
    }
    if (groups.contains("backup")) {
      backup();
    }
    if (groups.contains("stores")) {
      stores(many);
    }
  }

  /**
   * Scenario 8: {@code semptify backup create} of a data root of 1 GiB (256 MiB with --quick) while
   * the server runs, as an operator runs it (its own JVM through bin/semptify, -Xmx256m), against
   * GNU tar of the same three folders followed by a sync of its output (the backup fsyncs its
   * archive before it renames it into place). Alternating runs, the best of each; the archive's
   * SHA-256, the index's hashes and the signature are all part of the measured backup. Then {@code
   * backup verify} of the archive, and of the same archive as .tar.zst.
   */
  private void backup() throws Exception {
    long size = quick ? 256L << 20 : 1L << 30;
    Path root = work.resolve("backup-1");
    try (ServerProcess server = start(1, "backup")) {
      String token = token(root);
      long piece = 16L << 20;
      Path file = work.resolve("piece.bin");
      for (long stored = 0; stored < size; stored += piece) {
        writeRandom(file, Math.min(piece, size - stored));
        uploadFile(server, token, file);
      }
      Files.delete(file);
      for (int i = 0; i < 200; i++) { // and small documents: one manifest write each
        upload(server, token, ("note " + i).repeat(200).getBytes(StandardCharsets.UTF_8), "n.txt");
      }
      Path archive = work.resolve("backup.tar");
      Path plain = work.resolve("plain.tar");
      double bestBackup = 0;
      double bestTar = 0;
      long bytes = 0;
      for (int round = 0; round < (quick ? 1 : 2); round++) {
        long started = System.nanoTime();
        command(
            List.of(
                "tar",
                "-cf",
                plain.toString(),
                "-C",
                root.toString(),
                "security",
                "uploads",
                "logs"),
            root);
        command(List.of("sync", plain.toString()), root);
        double tarSeconds = (System.nanoTime() - started) / 1e9;
        long tarBytes = Files.size(plain);
        Files.delete(plain);
        Files.deleteIfExists(archive); // the last round's archive stays, for verify
        started = System.nanoTime();
        String out = command(List.of("bin/semptify", "backup", "create", archive.toString()), root);
        double backupSeconds = (System.nanoTime() - started) / 1e9;
        Matcher m = Pattern.compile("bytes=(\\d+)").matcher(out);
        if (!m.find()) {
          throw new IllegalStateException("backup create printed: " + out);
        }
        bytes = Long.parseLong(m.group(1));
        bestTar = Math.max(bestTar, tarBytes / 1e6 / tarSeconds);
        bestBackup = Math.max(bestBackup, bytes / 1e6 / backupSeconds);
      }
      report.add(
          new Figure(
              "8. ceiling: tar -cf + sync of the same data root (" + (bytes >> 20) + " MiB)",
              bestTar,
              "MB/s",
              Double.NaN,
              ""));
      report.add(
          new Figure(
              "8. backup create, server running (" + (bytes >> 20) + " MiB, JVM start included)",
              bestBackup,
              "MB/s",
              bestTar,
              "tar -cf + sync of the same folders"));
      long started = System.nanoTime();
      command(List.of("bin/semptify", "backup", "verify", archive.toString()), root);
      report.add(
          new Figure(
              "8. backup verify (hashes, signature, token files)",
              Files.size(archive) / 1e6 / ((System.nanoTime() - started) / 1e9),
              "MB/s",
              bestTar,
              "tar -cf + sync of the same folders"));
      Files.delete(archive);
      Path zst = work.resolve("backup.tar.zst");
      started = System.nanoTime();
      command(List.of("bin/semptify", "backup", "create", zst.toString()), root);
      report.add(
          new Figure(
              "8. backup create .tar.zst (blobs are ciphertext: "
                  + (Files.size(zst) * 100 / Math.max(1, bytes))
                  + " % of the data)",
              bytes / 1e6 / ((System.nanoTime() - started) / 1e9),
              "MB/s",
              bestTar,
              "tar -cf + sync of the same folders"));
      Files.delete(zst);
    }
  }

  /** Runs a command to its end (at most 10 minutes); its output, or an exception if it failed. */
  private static String command(List<String> command, Path dataRoot) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SEMPTIFY_DATA_ROOT", dataRoot.toString());
    builder.environment().put("SEMPTIFY_JAVA_OPTS", ServerProcess.HEAP);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  /**
   * {@code --against URL}: the GET scenarios against this server (100 users, 20 documents) and
   * against the other one, alternating, each figure with the other's as its ceiling.
   */
  private void against(String other, String otherToken) throws Exception {
    report.note("against", other);
    Path root = work.resolve("vault-100");
    try (ServerProcess server = start(100, "vault")) {
      String token = token(root);
      for (int i = 0; i < 20; i++) {
        upload(
            server,
            token,
            ("document " + i + " ").repeat(200).getBytes(StandardCharsets.UTF_8),
            "doc-" + i + ".txt");
      }
      record Scenario(String path, boolean authenticated, String accept) {}
      for (Scenario scenario :
          List.of(
              new Scenario("/health", false, "application/json"),
              new Scenario("/api/vault", true, "application/json"),
              new Scenario("/vault", true, "text/html"))) {
        List<String> ours = new ArrayList<>(List.of("Accept: " + scenario.accept()));
        List<String> theirs = new ArrayList<>(ours);
        if (scenario.authenticated()) {
          ours.add("X-User-Token: " + token);
          if (otherToken != null) {
            theirs.add("X-User-Token: " + otherToken);
          }
        }
        Wrk.Run us = Wrk.run(server.url(scenario.path()), seconds(), ours.toArray(String[]::new));
        Wrk.Run them = Wrk.run(other + scenario.path(), seconds(), theirs.toArray(String[]::new));
        String note = them.non2xx() > 0 ? ", " + them.non2xx() + " of its answers not 2xx/3xx" : "";
        report.add(
            new Figure(
                "vs. GET " + scenario.path() + " (req/s)",
                us.requestsPerSecond(),
                "req/s",
                them.requestsPerSecond(),
                other + note));
        report.add(
            new Figure(
                "vs. GET " + scenario.path() + " (p99)",
                us.p99Millis(),
                "ms",
                them.p99Millis(),
                other + " (ratio < 1: we answer sooner)"));
      }
    } finally {
      deleteTree(root);
    }
  }

  /** Scenario 6 on an empty data root: nothing in it at all, the server creates its folders. */
  private void emptyStart() throws Exception {
    Path root = work.resolve("empty");
    Files.createDirectories(root);
    try (ServerProcess server = ServerProcess.semptify(root, Map.of())) {
      report.add(
          new Figure(
              "6. start-up to first 200 from /readyz (empty data root)",
              server.startupMillis(),
              "ms",
              Double.NaN,
              "",
              Figure.Goal.atMost(1000, "ms")));
    } finally {
      deleteTree(root);
    }
  }

  /** One store of scenario 9: its name, the server's variables, and its database (or null). */
  private record Store(String name, Map<String, String> env, String database) {}

  /**
   * Scenario 9: the listing (1), registration (3) and upload (4) scenarios on each store, one after
   * the other in the same run, each beside the file store's figure: files only; files with the
   * blobs in a real S3-protocol server (s3proxy on a local folder); and {@code
   * SEMPTIFY_STORE=postgres} with the blobs in that S3 server, on a throw-away PostgreSQL cluster
   * with its durability settings on. Both services are started by the test support ({@code
   * S3Server}, {@code PostgresCluster}) and stopped when the harness exits; a store whose service
   * is missing on this machine is skipped, saying why.
   */
  private void stores(int users) throws Exception {
    List<Store> stores = new ArrayList<>();
    stores.add(new Store("file", Map.of(), null));
    org.semptify.testing.S3Server s3 = null;
    try {
      s3 = org.semptify.testing.S3Server.shared();
    } catch (RuntimeException e) { // TestAbortedException when the jar is missing
      skipped("file + S3, PostgreSQL + S3", e);
    }
    if (s3 != null) {
      stores.add(new Store("file + S3", s3.env(s3.newBucket()), null));
    }
    org.semptify.testing.PostgresCluster cluster = null;
    if (s3 != null) {
      // The tests run their cluster without fsync; a benchmark measures commits as they cost.
      System.setProperty(org.semptify.testing.PostgresCluster.DURABLE_PROPERTY, "true");
      try {
        cluster = org.semptify.testing.PostgresCluster.shared();
      } catch (RuntimeException e) { // TestAbortedException when the server binaries are missing
        skipped("PostgreSQL + S3", e);
      }
    }
    if (cluster != null) {
      String database = cluster.freshDatabase();
      Map<String, String> env = new java.util.HashMap<>(cluster.environment(database));
      env.putAll(s3.env(s3.newBucket()));
      byte[] secret = new byte[32];
      new java.security.SecureRandom().nextBytes(secret);
      env.put("SEMPTIFY_SECRET", java.util.HexFormat.of().formatHex(secret));
      stores.add(new Store("PostgreSQL + S3", env, database));
    }
    long size = quick ? 32L << 20 : 1L << 30;
    // The machines are noisy: every store's server runs at once, and the listing and the
    // registrations alternate between them, round after round; each figure is the median.
    int rounds = quick ? 2 : 3;
    record Running(Store store, Path root, ServerProcess server, String token, double populate) {}
    List<Running> running = new ArrayList<>();
    Map<Store, Map<String, List<Double>>> samples = new java.util.HashMap<>();
    Path file = work.resolve("stores.bin");
    Path warmUp = work.resolve("stores-warm-up.bin");
    try {
      for (Store store : stores) {
        String folder =
            "stores-"
                + store.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        Path root = work.resolve(folder + "-" + users);
        long started = System.nanoTime();
        String token =
            store.database() == null
                ? Population.create(root, users).get(0).token()
                : Population.createInDatabase(cluster, store.database(), users).token();
        double populate = (System.nanoTime() - started) / 1e9;
        Files.createDirectories(root);
        ServerProcess server = serve(root, token, store.env());
        running.add(new Running(store, root, server, token, populate));
        samples.put(store, new java.util.HashMap<>());
        for (int i = 0; i < 20; i++) {
          upload(
              server,
              token,
              ("document " + i + " ").repeat(200).getBytes(StandardCharsets.UTF_8),
              "doc-" + i + ".txt");
        }
      }
      for (int round = 0; round < rounds; round++) {
        for (Running r : running) {
          Wrk.Run listing =
              Wrk.run(r.server().url("/api/vault"), seconds(), "X-User-Token: " + r.token());
          check(listing);
          sample(samples, r.store(), "listing", listing.requestsPerSecond());
          sample(samples, r.store(), "listing p99", listing.p99Millis());
        }
      }
      int registrations = quick ? 20 : 50;
      for (int round = 0; round < rounds; round++) {
        for (Running r : running) {
          for (double millis : registrationMillis(r.server(), registrations / rounds)) {
            sample(samples, r.store(), "registration", millis);
          }
        }
      }
      writeRandom(file, size);
      writeRandom(warmUp, size / 4);
      for (Running r : running) {
        ServerProcess server = r.server();
        download(server, r.token(), uploadFile(server, r.token(), warmUp), size / 4);
        long started = System.nanoTime();
        String docId = uploadFile(server, r.token(), file);
        sample(samples, r.store(), "upload", size / 1e6 / ((System.nanoTime() - started) / 1e9));
        started = System.nanoTime();
        download(server, r.token(), docId, size);
        sample(samples, r.store(), "download", size / 1e6 / ((System.nanoTime() - started) / 1e9));
      }
    } finally {
      for (Running r : running) {
        r.server().close();
        deleteTree(r.root());
      }
      Files.deleteIfExists(file);
      Files.deleteIfExists(warmUp);
    }
    Map<String, Double> reference = null;
    for (Running r : running) {
      Map<String, List<Double>> of = samples.get(r.store());
      Map<String, Double> figures = new java.util.HashMap<>();
      figures.put("listing", median(of.get("listing")));
      figures.put("listing p99", median(of.get("listing p99")));
      List<Double> millis = new ArrayList<>(of.get("registration"));
      Collections.sort(millis);
      figures.put("registration p50", percentile(millis, 50));
      figures.put("registration p99", percentile(millis, 99));
      figures.put("upload", of.get("upload").get(0));
      figures.put("download", of.get("download").get(0));
      boolean first = reference == null;
      if (first) {
        reference = figures;
      }
      reportStore(
          r.store().name(),
          users,
          size,
          r.populate(),
          figures,
          first ? null : reference,
          r.store().database() != null,
          rounds);
    }
  }

  private static void sample(
      Map<Store, Map<String, List<Double>>> samples, Store store, String figure, double value) {
    samples.get(store).computeIfAbsent(figure, f -> new ArrayList<>()).add(value);
  }

  /** Scenario 9's figures of one store, each beside the file store's (none for the file store). */
  private void reportStore(
      String name,
      int users,
      long size,
      double populate,
      Map<String, Double> figures,
      Map<String, Double> file,
      boolean database,
      int rounds) {
    String of = " (" + name + ", " + String.format(java.util.Locale.ROOT, "%,d", users) + " users)";
    double none = Double.NaN;
    String versus = file == null ? "" : "file store";
    String median = "median of " + rounds + " alternating runs";
    report.add(
        new Figure(
            "9. writing the accounts" + of,
            populate,
            "s",
            none,
            database ? "PostgresUserRepository.addAll" : "UserStore.registerAll"));
    report.add(
        new Figure(
            "9. GET /api/vault" + of,
            figures.get("listing"),
            "req/s",
            file == null ? none : file.get("listing"),
            file == null ? median : versus + ", " + median,
            database ? Figure.Goal.ratioAtLeast(0.70) : null));
    report.add(
        new Figure(
            "9. GET /api/vault p99" + of,
            figures.get("listing p99"),
            "ms",
            file == null ? none : file.get("listing p99"),
            file == null ? "32 connections" : versus + " (ratio > 1: slower)"));
    String mixed = "runs alternating between the stores";
    report.add(
        new Figure(
            "9. registration p50" + of,
            figures.get("registration p50"),
            "ms",
            file == null ? none : file.get("registration p50"),
            file == null ? mixed : versus + " (ratio < 1: faster)",
            database ? Figure.Goal.atMost(20, "ms") : null));
    report.add(
        new Figure(
            "9. registration p99" + of,
            figures.get("registration p99"),
            "ms",
            file == null ? none : file.get("registration p99"),
            file == null ? "" : versus + " (ratio < 1: faster)"));
    report.add(
        new Figure(
            "9. upload " + (size >> 20) + " MiB" + of,
            figures.get("upload"),
            "MB/s",
            file == null ? none : file.get("upload"),
            versus));
    report.add(
        new Figure(
            "9. download " + (size >> 20) + " MiB" + of,
            figures.get("download"),
            "MB/s",
            file == null ? none : file.get("download"),
            versus));
  }

  /** Says that {@code stores} are left out of scenario 9, and why (also in results.json). */
  private void skipped(String stores, RuntimeException why) {
    String reason = why.getMessage() == null ? why.toString() : why.getMessage();
    System.out.println("9. skipped: " + stores + ": " + reason);
    report.note("9. skipped: " + stores, reason);
  }

  /** Scenarios 5, 3 and 7 on one server with {@code many} users. */
  private void ops(int many) throws Exception {
    try (ServerProcess bare = ServerProcess.bare(work);
        ServerProcess server = start(many, "ops")) {
      healthAndMetrics(bare, server);
      registration(server, many);
      flood(server);
    }
  }

  /** Scenario 5: the bare framework, {@code /health} and {@code /metrics}, alternately. */
  private void healthAndMetrics(ServerProcess bare, ServerProcess server) throws Exception {
    // The machines are noisy: alternate the ceiling and the measured runs, take each median.
    int rounds = quick ? 1 : 3;
    List<Double> bareRuns = new ArrayList<>();
    List<Double> healthRuns = new ArrayList<>();
    List<Double> metricsRuns = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      bareRuns.add(Wrk.run(bare.url("/health"), seconds()).requestsPerSecond());
      healthRuns.add(Wrk.run(server.url("/health"), seconds()).requestsPerSecond());
      metricsRuns.add(Wrk.run(server.url("/metrics"), seconds()).requestsPerSecond());
    }
    String of = rounds == 1 ? "" : " (median of " + rounds + " alternating runs)";
    double bareHealth = median(bareRuns);
    report.add(
        new Figure(
            "5. bare Javalin GET /health" + of, bareHealth, "req/s", Double.NaN, "the ceiling"));
    report.add(
        new Figure(
            "5. GET /health" + of,
            median(healthRuns),
            "req/s",
            bareHealth,
            "bare Javalin /health",
            Figure.Goal.ratioAtLeast(0.80)));
    report.add(
        new Figure(
            "5. GET /metrics" + of,
            median(metricsRuns),
            "req/s",
            bareHealth,
            "bare Javalin /health",
            Figure.Goal.ratioAtLeast(0.80)));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /** {@code --bare}: the ceiling of scenario 5 alone, the framework without the application. */
  private void bare() throws Exception {
    try (ServerProcess bare = ServerProcess.bare(work)) {
      Wrk.Run run = Wrk.run(bare.url("/health"), seconds());
      report.add(
          new Figure(
              "5. bare Javalin GET /health (the ceiling)",
              run.requestsPerSecond(),
              "req/s",
              Double.NaN,
              ""));
    }
  }

  private ServerProcess start(int users, String name) throws Exception {
    return start(users, name, Map.of());
  }

  /** As {@link #start(int, String)}, with {@code store}'s variables (where data is kept). */
  private ServerProcess start(int users, String name, Map<String, String> store) throws Exception {
    Path root = work.resolve(name + "-" + users);
    List<UserStore.Registered> tokens = Population.create(root, users);
    return serve(root, tokens.get(0).token(), store);
  }

  /** Starts the server on {@code root}, whose accounts include {@code token}'s. */
  private ServerProcess serve(Path root, String token, Map<String, String> store) throws Exception {
    Files.writeString(root.resolve("bench-token"), token);
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "SECURITY_MODE", "enforced",
                "SEMPTIFY_REGISTER_RATE_MAX", "1000000",
                "SEMPTIFY_MAX_UPLOAD_MB", "2048",
                "SEMPTIFY_USER_QUOTA_MB", "4096",
                "SEMPTIFY_TRUST_PROXY", "1",
                "ADMIN_RATE_WINDOW", "5"));
    env.putAll(store);
    return ServerProcess.semptify(root, env);
  }

  private static String token(Path root) throws IOException {
    return Files.readString(root.resolve("bench-token"));
  }

  /** Scenarios 1, 2 and 6: the authenticated listing, as JSON and as HTML; start-up and memory. */
  private double vaultListing(int users, String label, double reference) throws Exception {
    Path root = work.resolve("vault-" + users);
    try (ServerProcess server = start(users, "vault")) {
      String token = token(root);
      report.add(
          new Figure(
              "6. start-up to first 200 from /readyz (" + label + ")",
              server.startupMillis(),
              "ms",
              Double.NaN,
              "",
              Figure.Goal.atMost(1500, "ms")));
      report.add(
          new Figure(
              "6. RSS idle (" + label + ")",
              server.rssMegabytes(),
              "MB",
              Double.NaN,
              "with -Xmx256m",
              Figure.Goal.atMost(150, "MB")));
      for (int i = 0; i < 20; i++) {
        upload(
            server,
            token,
            ("document " + i + " ").repeat(200).getBytes(StandardCharsets.UTF_8),
            "doc-" + i + ".txt");
      }
      String header = "X-User-Token: " + token;
      Wrk.Run api = Wrk.run(server.url("/api/vault"), seconds(), header);
      check(api);
      report.add(
          new Figure(
              "1. GET /api/vault, 20 documents (" + label + ")",
              api.requestsPerSecond(),
              "req/s",
              Double.isNaN(reference) ? 744 : reference,
              Double.isNaN(reference) ? "original Python, 1 user" : "same at 100 users",
              Double.isNaN(reference) ? null : Figure.Goal.ratioAtLeast(0.85)));
      report.add(new Figure("1. p50 (" + label + ")", api.p50Millis(), "ms", Double.NaN, ""));
      report.add(
          new Figure(
              "1. p99 (" + label + ")",
              api.p99Millis(),
              "ms",
              Double.NaN,
              "32 connections",
              Figure.Goal.atMost(10, "ms")));
      report.add(
          new Figure(
              "6. RSS after scenario 1 (" + label + ")",
              server.rssMegabytes(),
              "MB",
              Double.NaN,
              "with -Xmx256m",
              Figure.Goal.atMost(200, "MB")));
      Wrk.Run html = Wrk.run(server.url("/vault"), seconds(), header, "Accept: text/html");
      check(html);
      report.add(
          new Figure(
              "2. GET /vault HTML (" + label + ")",
              html.requestsPerSecond(),
              "req/s",
              Double.NaN,
              "",
              Figure.Goal.atLeast(5000, "req/s")));
      report.add(
          new Figure(
              "6. RSS after scenario 2 (" + label + ")",
              server.rssMegabytes(),
              "MB",
              Double.NaN,
              "with -Xmx256m",
              Figure.Goal.atMost(200, "MB")));
      double heap = server.heapUsedAfterGcMegabytes();
      report.add(
          new Figure(
              "6. heap after GC / RSS after GC (" + label + ")",
              server.rssMegabytes(),
              "MB",
              heap,
              "heap in use after a full GC (MB)"));
      return api.requestsPerSecond();
    } finally {
      deleteTree(root);
    }
  }

  private static void check(Wrk.Run run) {
    if (run.non2xx() > 0) {
      throw new IllegalStateException(
          run.non2xx() + " responses were not 2xx: the figure would be meaningless");
    }
  }

  /** Scenario 3: registrations one after another through the browser flow (CSRF included). */
  private void registration(ServerProcess server, int users) throws Exception {
    List<Double> millis = registrationMillis(server, quick ? 20 : 50);
    report.add(
        new Figure(
            "3. registration p50 (" + users + " users)",
            percentile(millis, 50),
            "ms",
            Double.NaN,
            "original: ~420 ms",
            Figure.Goal.atMost(100, "ms")));
    report.add(
        new Figure(
            "3. registration p99 (" + users + " users)",
            percentile(millis, 99),
            "ms",
            Double.NaN,
            ""));
  }

  /** {@code samples} registrations after three unmeasured ones: their times, sorted, in ms. */
  private List<Double> registrationMillis(ServerProcess server, int samples) throws Exception {
    List<Double> millis = new ArrayList<>();
    Pattern csrf = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");
    for (int i = 0; i < samples + 3; i++) {
      HttpResponse<String> form =
          http.send(
              HttpRequest.newBuilder(URI.create(server.url("/register")))
                  .header("Accept", "text/html")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
      Matcher m = csrf.matcher(form.body());
      if (!m.find()) {
        throw new IllegalStateException("no csrf token on /register");
      }
      long started = System.nanoTime();
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(URI.create(server.url("/register")))
                  .header("Cookie", cookie)
                  .header("Accept", "application/json")
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("csrf_token=" + m.group(1)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      double elapsed = (System.nanoTime() - started) / 1e6;
      if (created.statusCode() != 201) {
        throw new IllegalStateException(
            "registration answered " + created.statusCode() + ": " + created.body());
      }
      if (i >= 3) {
        millis.add(elapsed);
      }
    }
    Collections.sort(millis);
    return millis;
  }

  /** Scenario 7: 100,000 distinct client addresses against the admin rate limiter. */
  private void flood(ServerProcess server) throws Exception {
    int addresses = quick ? 20_000 : 100_000;
    double before = server.heapUsedAfterGcMegabytes();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger next = new AtomicInteger();
    for (int t = 0; t < 8; t++) {
      pool.submit(
          () -> {
            for (int i = next.getAndIncrement(); i < addresses; i = next.getAndIncrement()) {
              String ip = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
              http.send(
                  HttpRequest.newBuilder(URI.create(server.url("/admin/status")))
                      .header("X-Forwarded-For", ip)
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
            }
            return null;
          });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    double during = server.heapUsedAfterGcMegabytes();
    Thread.sleep(6_000); // the bench runs the admin window at 5 s
    // One more request lets a limiter that prunes on use drop the expired addresses.
    http.send(
        HttpRequest.newBuilder(URI.create(server.url("/admin/status")))
            .header("X-Forwarded-For", "192.0.2.1")
            .GET()
            .build(),
        HttpResponse.BodyHandlers.discarding());
    double after = server.heapUsedAfterGcMegabytes();
    report.add(new Figure("7. heap after GC before the flood", before, "MB", Double.NaN, ""));
    report.add(
        new Figure(
            "7. heap after GC right after " + addresses + " addresses",
            during,
            "MB",
            Double.NaN,
            ""));
    report.add(
        new Figure(
            "7. heap after GC once the window passed",
            after,
            "MB",
            before * 1.10,
            "before + 10%",
            Figure.Goal.ratioAtMost(1.0)));
  }

  /** Scenario 4: one large upload and its download, beside the in-process crypto ceiling. */
  private void upload() throws Exception {
    long size = quick ? 256L << 20 : 1L << 30;
    Path file = work.resolve("large.bin");
    writeRandom(file, size);
    double ceiling = cryptoCeiling(file);
    report.add(
        new Figure(
            "4. ceiling: SHA-256 + AES-GCM-HKDF streaming in-process",
            ceiling,
            "MB/s",
            Double.NaN,
            ""));
    // What the disk alone allows on the same run: the upload's blob (about the file's size) has to
    // be on the disk before the upload is answered. Not a goal: a bound the ratio cannot beat.
    report.add(
        new Figure(
            "4. disk: write+fsync " + (size >> 20) + " MiB, O_DIRECT (as vault)",
            diskCeiling(size, true),
            "MB/s",
            Double.NaN,
            ""));
    report.add(
        new Figure(
            "4. disk: write+fsync " + (size >> 20) + " MiB, page cache",
            diskCeiling(size, false),
            "MB/s",
            Double.NaN,
            ""));
    try (ServerProcess server = start(1, "upload")) {
      String token = token(work.resolve("upload-1"));
      // Warm-up, as for every scenario, and as long as the ceiling's own warm-up round (the whole
      // size): until the JIT has compiled AES-GCM and SHA-256 into their CPU instructions, the
      // first few hundred megabytes run several times slower. GHASH in particular runs as Java
      // code until its caller has been called about 5,000 times, once per 64 KiB segment: a
      // quarter-size warm-up (256 MiB) left the measured upload at 170 MB/s where the same server
      // then reached 400-570 MB/s (issue 21, JFR of the upload).
      Path warmUp = work.resolve("warm-up.bin");
      writeRandom(warmUp, size);
      download(server, token, uploadFile(server, token, warmUp), size);
      Files.delete(warmUp);

      long started = System.nanoTime();
      String docId = uploadFile(server, token, file);
      double seconds = (System.nanoTime() - started) / 1e9;
      report.add(
          new Figure(
              "4. upload " + (size >> 20) + " MiB (multipart, encrypted, hashed)",
              size / 1e6 / seconds,
              "MB/s",
              ceiling,
              "in-process ceiling, same run",
              Figure.Goal.ratioAtLeast(0.50).and(Figure.Goal.atLeast(400, "MB/s"))));
      started = System.nanoTime();
      download(server, token, docId, size);
      seconds = (System.nanoTime() - started) / 1e9;
      report.add(
          new Figure(
              "4. download " + (size >> 20) + " MiB",
              size / 1e6 / seconds,
              "MB/s",
              Double.NaN,
              "",
              Figure.Goal.atLeast(400, "MB/s")));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private void download(ServerProcess server, String token, String docId, long size)
      throws Exception {
    RawHttp.Response response =
        RawHttp.get(server.port(), "/vault/files/" + docId, Map.of("X-User-Token", token));
    if (response.status() != 200 || response.bodyBytes() != size) {
      throw new IllegalStateException(
          "download answered " + response.status() + " with " + response.bodyBytes() + " bytes");
    }
  }

  private static double cryptoCeiling(Path file) throws Exception {
    byte[] key = new byte[32];
    new Random(1).nextBytes(key);
    StreamingCipher cipher = new StreamingCipher(key);
    double best = 0;
    for (int round = 0; round < 2; round++) { // the first round warms the JIT
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      long started = System.nanoTime();
      try (InputStream in = Files.newInputStream(file);
          OutputStream out = cipher.encrypting(OutputStream.nullOutputStream(), "bench")) {
        byte[] buffer = new byte[1 << 20];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          sha256.update(buffer, 0, n);
          out.write(buffer, 0, n);
        }
      }
      best = Math.max(best, Files.size(file) / 1e6 / ((System.nanoTime() - started) / 1e9));
    }
    return best;
  }

  /**
   * Writes {@code size} bytes from Java in 1 MiB blocks and fsyncs them, on the disk of the work
   * folder (where the server's data root is): with {@code O_DIRECT} as the vault writes its blobs,
   * or through the page cache. Falls back to the page cache where the file system has no O_DIRECT.
   */
  private double diskCeiling(long size, boolean direct) throws IOException {
    Path file = work.resolve("disk.bin");
    ByteBuffer buffer = ByteBuffer.allocateDirect(2 << 20).alignedSlice(1 << 20).slice(0, 1 << 20);
    byte[] random = new byte[1 << 20];
    new Random(3).nextBytes(random);
    buffer.put(random).flip();
    java.util.Set<java.nio.file.OpenOption> options =
        new java.util.HashSet<>(
            List.of(
                java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE));
    if (direct) {
      options.add(com.sun.nio.file.ExtendedOpenOption.DIRECT);
    }
    long started = System.nanoTime();
    java.nio.channels.FileChannel opened;
    try {
      opened = java.nio.channels.FileChannel.open(file, options);
    } catch (IOException | UnsupportedOperationException e) {
      options.remove(com.sun.nio.file.ExtendedOpenOption.DIRECT);
      Files.deleteIfExists(file);
      opened = java.nio.channels.FileChannel.open(file, options);
    }
    try (java.nio.channels.FileChannel out = opened) {
      for (long written = 0; written < size; written += buffer.capacity()) {
        buffer.rewind();
        while (buffer.hasRemaining()) {
          out.write(buffer, written + buffer.position());
        }
      }
      out.force(true);
    } finally {
      Files.deleteIfExists(file);
    }
    return size / 1e6 / ((System.nanoTime() - started) / 1e9);
  }

  private void upload(ServerProcess server, String token, byte[] content, String name)
      throws Exception {
    Path file = work.resolve(name);
    Files.write(file, content);
    uploadFile(server, token, file);
    Files.delete(file);
  }

  private String uploadFile(ServerProcess server, String token, Path file) throws Exception {
    byte[] head =
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    RawHttp.Response response =
        RawHttp.post(
            server.port(),
            "/api/vault",
            Map.of(
                "X-User-Token", token, "Content-Type", "multipart/form-data; boundary=" + BOUNDARY),
            head,
            file,
            tail);
    if (response.status() != 201) {
      throw new IllegalStateException(
          "upload answered " + response.status() + ": " + response.bodyStart());
    }
    Matcher m = Pattern.compile("\"doc_id\":\"(d_[0-9a-z]+)\"").matcher(response.bodyStart());
    if (!m.find()) {
      throw new IllegalStateException("no doc_id in " + response.bodyStart());
    }
    return m.group(1);
  }

  /**
   * Writes {@code size} random bytes and forces them to disk: otherwise the kernel would write the
   * source file back in the middle of the measured upload, competing for the disk.
   */
  private static void writeRandom(Path file, long size) throws IOException {
    Random random = new Random(42);
    byte[] buffer = new byte[1 << 20];
    try (java.nio.channels.FileChannel out =
        java.nio.channels.FileChannel.open(
            file,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
            java.nio.file.StandardOpenOption.WRITE)) {
      for (long written = 0; written < size; written += buffer.length) {
        random.nextBytes(buffer);
        java.nio.ByteBuffer chunk =
            java.nio.ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, size - written));
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
      }
      out.force(true);
    }
  }

  private static double percentile(List<Double> sorted, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}

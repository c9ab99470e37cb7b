package org.semptify.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * A real S3-protocol server for the tests: {@code org.gaul:s3proxy} (copied by the build to {@code
 * target/s3proxy/s3proxy.jar}) on a temporary folder, run as its own process, started once per test
 * JVM and stopped when it exits. No mock: the AWS SDK talks HTTP to it as to any bucket.
 *
 * <p>Where the jar is missing, {@link #shared()} skips the calling test and says why; under {@code
 * CI=true} it fails instead, so that CI can never pass by skipping.
 */
public final class S3Server {
  public static final String ACCESS_KEY = "semptify-test-access";
  public static final String SECRET_KEY = "semptify-test-secret-0123456789";

  private static S3Server shared;
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private final Process process;
  private final URI endpoint;
  private final Path data;
  private final S3Client client;

  private S3Server(Process process, URI endpoint, Path data) {
    this.process = process;
    this.endpoint = endpoint;
    this.data = data;
    this.client =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .build();
  }

  /** The server of this JVM, started on first use. */
  public static synchronized S3Server shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  private static S3Server start() {
    Path jar = Path.of(System.getProperty("semptify.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    if (!Files.isReadable(jar)) {
      String reason =
          "the S3 server "
              + jar
              + " is missing: run 'mvn generate-test-resources' (it copies org.gaul:s3proxy there)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(reason + " (CI=true: not skipping)");
      }
      throw new TestAbortedException(reason);
    }
    try {
      Path home = Files.createTempDirectory("semptify-s3proxy");
      Path data = Files.createDirectories(home.resolve("data"));
      int port = freePort();
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      Path conf = home.resolve("s3proxy.conf");
      Files.writeString(
          conf,
          String.join(
              "\n",
              "s3proxy.endpoint=" + endpoint,
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.identity=" + ACCESS_KEY,
              "s3proxy.credential=" + SECRET_KEY,
              "jclouds.provider=filesystem-nio2",
              "jclouds.identity=" + ACCESS_KEY,
              "jclouds.credential=" + SECRET_KEY,
              "jclouds.filesystem.basedir=" + data,
              ""),
          StandardCharsets.UTF_8);
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process process =
          new ProcessBuilder(
                  java.toString(),
                  "-Xmx256m",
                  "-XX:TieredStopAtLevel=1",
                  "-jar",
                  jar.toAbsolutePath().toString(),
                  "--properties",
                  conf.toString())
              .redirectErrorStream(true)
              .redirectOutput(home.resolve("s3proxy.log").toFile())
              .start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    process.destroyForcibly();
                    try {
                      process.waitFor(10, TimeUnit.SECONDS);
                      deleteTree(home);
                    } catch (InterruptedException | IOException e) {
                      // a temporary folder left behind
                    }
                  },
                  "s3proxy-stop"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!listening(port)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "s3proxy did not start; its log: "
                  + Files.readString(home.resolve("s3proxy.log"), StandardCharsets.UTF_8));
        }
        Thread.sleep(100);
      }
      return new S3Server(process, endpoint, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  /** The folder the server keeps its buckets in (a bucket is a folder, an object a file). */
  public Path data() {
    return data;
  }

  /** A client with full rights, for arranging and inspecting buckets. */
  public S3Client client() {
    return client;
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Creates a fresh, empty bucket and returns its name. */
  public String newBucket() {
    String name =
        ("semptify-test-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet())
            .toLowerCase(Locale.ROOT);
    client.createBucket(b -> b.bucket(name));
    return name;
  }

  /** The server's variables for blobs in {@code bucket} on this server. */
  public Map<String, String> env(String bucket) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SEMPTIFY_BLOB_STORE", "s3");
    env.put("SEMPTIFY_S3_ENDPOINT", endpoint.toString());
    env.put("SEMPTIFY_S3_BUCKET", bucket);
    env.put("SEMPTIFY_S3_REGION", "us-east-1");
    env.put("SEMPTIFY_S3_PATH_STYLE", "true");
    env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    return env;
  }

  /** The multipart uploads in progress in {@code bucket} under {@code prefix}. */
  public static List<MultipartUpload> multipartUploads(
      S3Client client, String bucket, String prefix) {
    return client
        .listMultipartUploadsPaginator(x -> x.bucket(bucket).prefix(prefix))
        .uploads()
        .stream()
        .toList();
  }

  /**
   * Waits (30 s at most) until a multipart upload under {@code prefix} has at least {@code parts}
   * parts: a node is then surely in the middle of streaming an upload.
   */
  public static void awaitParts(S3Client client, String bucket, String prefix, int parts)
      throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (MultipartUpload upload : multipartUploads(client, bucket, prefix)) {
        int count =
            client
                .listParts(x -> x.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()))
                .parts()
                .size();
        if (count >= parts) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the upload never reached the bucket");
  }
}

package org.semptify.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.semptify.config.SettingsLoader;

/**
 * The training run behind the launcher's class-data-sharing archive ({@code bin/semptify}, JDK
 * application CDS with {@code -XX:ArchiveClassesAtExit}): starts the real server on a free port
 * with a throw-away data root and walks the real workload through HTTP (pages, registration with
 * its CSRF token, an upload, the vault as HTML and JSON, a download, a certificate, an export, the
 * records pages, the probes and metrics), then stops. Every class those requests load is in the
 * archive, so the next start and its first requests skip loading and verifying them.
 *
 * <p>Why the whole workload and not just a start: an archive recorded by a start alone holds the
 * classes of start-up only; see bench/README.md for what that did to the vault page.
 */
public final class CdsTraining {
  private static final String BOUNDARY = "----semptify-training";

  private CdsTraining() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int failures = train();
    System.out.println("cds training: " + (failures == 0 ? "done" : failures + " requests failed"));
    System.exit(failures == 0 ? 0 : 1);
  }

  /** Runs the workload once against a fresh server; returns how many requests failed. */
  static int train() throws IOException, InterruptedException {
    Path root = Files.createTempDirectory("semptify-cds-training");
    try {
      App app =
          App.create(
                  SettingsLoader.load(
                      Map.of(
                          "SEMPTIFY_DATA_ROOT", root.toString(),
                          "SEMPTIFY_HOST", "127.0.0.1",
                          "SEMPTIFY_PORT", "0",
                          "SECURITY_MODE", "enforced"),
                      root),
                  Clock.systemUTC())
              .start();
      try {
        return new Walk(app.port()).run();
      } finally {
        app.stop();
      }
    } finally {
      deleteTree(root);
    }
  }

  /** One pass over the workload, twice (the second one takes the paths a warm server takes). */
  private static final class Walk {
    private final HttpClient http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final List<String> failed = new ArrayList<>();

    Walk(int port) {
      this.base = "http://127.0.0.1:" + port;
    }

    int run() throws IOException, InterruptedException {
      for (int round = 0; round < 2; round++) {
        for (String path :
            List.of("/", "/health", "/healthz", "/readyz", "/metrics", "/know-your-rights")) {
          get(path, Map.of("Accept", "text/html"));
        }
        String token = register();
        if (token == null) {
          continue;
        }
        Map<String, String> html = Map.of("X-User-Token", token, "Accept", "text/html");
        Map<String, String> json = Map.of("X-User-Token", token, "Accept", "application/json");
        String docId = upload(token);
        get("/api/vault", json);
        get("/vault", html);
        get("/vault?lang=es", Map.of("X-User-Token", token, "Accept-Language", "es"));
        if (docId != null) {
          get("/vault/files/" + docId, json);
          get("/vault/files/" + docId + "/certificate", html);
          get("/api/vault/" + docId + "/certificate", json);
        }
        get("/vault/export", json);
        for (String page :
            List.of("/ledger", "/logbook", "/contacts", "/resources", "/vault/certificates")) {
          get(page, html);
        }
        get("/no-such-page", html);
      }
      failed.forEach(f -> System.err.println("cds training: " + f));
      return failed.size();
    }

    private HttpResponse<byte[]> get(String path, Map<String, String> headers)
        throws IOException, InterruptedException {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
      headers.forEach(request::header);
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() >= (path.equals("/no-such-page") ? 500 : 400)) {
        failed.add("GET " + path + " answered " + response.statusCode());
      }
      return response;
    }

    /** The browser flow: the form (cookie and CSRF token), then the POST; returns the token. */
    private String register() throws IOException, InterruptedException {
      HttpResponse<byte[]> form = get("/register", Map.of("Accept", "text/html"));
      String cookie = form.headers().firstValue("Set-Cookie").orElse("").split(";", 2)[0];
      Matcher csrf =
          Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"")
              .matcher(new String(form.body(), StandardCharsets.UTF_8));
      if (!csrf.find()) {
        failed.add("no CSRF token on /register");
        return null;
      }
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/register"))
                  .header("Cookie", cookie)
                  .header("Accept", "application/json")
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("csrf_token=" + csrf.group(1)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher token = Pattern.compile("\"(smpu_[^\"]+)\"").matcher(created.body());
      if (created.statusCode() != 201 || !token.find()) {
        failed.add("registration answered " + created.statusCode());
        return null;
      }
      return token.group(1);
    }

    private String upload(String token) throws IOException, InterruptedException {
      String body =
          "--"
              + BOUNDARY
              + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nnotice\r\n--"
              + BOUNDARY
              + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notice.txt\""
              + "\r\nContent-Type: text/plain\r\n\r\n"
              + "Notice to quit, received today.\r\n--"
              + BOUNDARY
              + "--\r\n";
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/vault"))
                  .header("X-User-Token", token)
                  .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher id = Pattern.compile("\"doc_id\":\"(d_[0-9a-z]+)\"").matcher(response.body());
      if (response.statusCode() != 201 || !id.find()) {
        failed.add("upload answered " + response.statusCode());
        return null;
      }
      return id.group(1);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}

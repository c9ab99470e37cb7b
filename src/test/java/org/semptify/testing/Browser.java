package org.semptify.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like client: keeps cookies, asks for HTML, reads CSRF tokens out of forms. */
public final class Browser {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

  private final TestServer server;
  private final HttpClient client;

  Browser(TestServer server) {
    this.server = server;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return send(server.request(pathAndQuery).header("Accept", "text/html").GET().build());
  }

  /**
   * GETs {@code pathAndQuery} and follows redirects on this site (as a browser would, keeping
   * cookies); the answer is the last page's, its {@code previousResponse()} chain the redirects.
   */
  public HttpResponse<String> getFollowing(String pathAndQuery) {
    return follow(get(pathAndQuery));
  }

  /** Follows {@code response}'s redirects on this site with GETs, like a browser. */
  public HttpResponse<String> follow(HttpResponse<String> response) {
    HttpResponse<String> current = response;
    for (int hops = 0; hops < 5 && current.statusCode() / 100 == 3; hops++) {
      String location = current.headers().firstValue("Location").orElse(null);
      if (location == null || !location.startsWith("/") || location.startsWith("//")) {
        break;
      }
      current = get(location);
    }
    return current;
  }

  /** Posts a form with the given fields (add "csrf_token" yourself, or use {@link #submit}). */
  public HttpResponse<String> post(String path, Map<String, String> fields) {
    return send(
        server
            .request(path)
            .header("Accept", "text/html")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
            .build());
  }

  /**
   * Loads {@code formPage}, takes its CSRF token, and posts {@code fields} plus the token to {@code
   * action}.
   */
  public HttpResponse<String> submit(String formPage, String action, Map<String, String> fields) {
    String token = csrfToken(formPage);
    java.util.Map<String, String> all = new java.util.LinkedHashMap<>(fields);
    all.put("csrf_token", token);
    return post(action, all);
  }

  public String csrfToken(String formPage) {
    Matcher matcher = CSRF.matcher(get(formPage).body());
    if (!matcher.find()) {
      throw new IllegalStateException(formPage + " has no csrf_token field");
    }
    return matcher.group(1);
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static String form(Map<String, String> fields) {
    StringJoiner body = new StringJoiner("&");
    fields.forEach(
        (name, value) ->
            body.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return body.toString();
  }
}

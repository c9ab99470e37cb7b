package org.semptify.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A registered user driving the vault through its JSON API with the X-User-Token header. */
public final class VaultUser {
  private static final Pattern TOKEN = Pattern.compile("(smpu_[0-9A-Za-z]{49})");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestServer server;
  private final String token;

  private VaultUser(TestServer server, String token) {
    this.server = server;
    this.token = token;
  }

  /**
   * Registers through the real form flow (CSRF included) and reads the one-time token off the page.
   */
  public static VaultUser register(TestServer server) {
    HttpResponse<String> page = server.browser().submit("/register", "/register", Map.of());
    if (page.statusCode() != 200) {
      throw new IllegalStateException("registration answered " + page.statusCode());
    }
    Matcher matcher = TOKEN.matcher(page.body());
    if (!matcher.find()) {
      throw new IllegalStateException("no token on the registration page");
    }
    return new VaultUser(server, matcher.group(1));
  }

  /** The same vault opened through another server (another node) with its token. */
  public static VaultUser on(TestServer server, String token) {
    return new VaultUser(server, token);
  }

  public String token() {
    return token;
  }

  public HttpResponse<String> get(String path) {
    return server.send(server.request(path).header("X-User-Token", token).GET().build());
  }

  public HttpResponse<byte[]> download(String docId) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              server.request("/vault/files/" + docId).header("X-User-Token", token).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> upload(Multipart body) {
    return server.send(
        server
            .request("/api/vault")
            .header("X-User-Token", token)
            .header("Content-Type", body.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
            .build());
  }

  public JsonNode uploadFile(String filename, byte[] content) {
    HttpResponse<String> response = upload(new Multipart().file("file", filename, content));
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "upload answered " + response.statusCode() + ": " + response.body());
    }
    return json(response.body());
  }

  public static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

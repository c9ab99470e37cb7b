package org.semptify.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.semptify.testing.Multipart;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** A program using the records API with its X-User-Token header. */
final class RecordsClient {
  private final TestServer server;
  private final VaultUser user;

  RecordsClient(TestServer server, VaultUser user) {
    this.server = server;
    this.user = user;
  }

  HttpResponse<String> post(String path, Map<String, String> fields) {
    String body = org.semptify.testing.Browser.form(fields);
    return server.send(
        server
            .request(path)
            .header("X-User-Token", user.token())
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  HttpResponse<String> postMultipart(String path, Multipart body) {
    return server.send(
        server
            .request(path)
            .header("X-User-Token", user.token())
            .header("Accept", "application/json")
            .header("Content-Type", body.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
            .build());
  }

  JsonNode created(String path, Map<String, String> fields) {
    HttpResponse<String> response = post(path, fields);
    if (response.statusCode() != 201) {
      throw new AssertionError(
          path + " answered " + response.statusCode() + ": " + response.body());
    }
    return VaultUser.json(response.body());
  }

  JsonNode get(String path) {
    HttpResponse<String> response =
        server.send(
            server
                .request(path)
                .header("X-User-Token", user.token())
                .header("Accept", "application/json")
                .GET()
                .build());
    if (response.statusCode() != 200) {
      throw new AssertionError(
          path + " answered " + response.statusCode() + ": " + response.body());
    }
    return VaultUser.json(response.body());
  }

  String getText(String path) {
    return user.get(path).body();
  }
}

package org.semptify.admin;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.semptify.testing.TestServer;

/** Admin API calls with a header token, as a program would make them. */
final class AdminTestSupport {
  private AdminTestSupport() {}

  static HttpResponse<String> getWithToken(TestServer server, String path, String token) {
    return server.send(server.request(path).header("X-Admin-Token", token).GET().build());
  }

  static HttpResponse<String> postWithToken(
      TestServer server, String path, String token, String form) {
    return server.send(
        server
            .request(path)
            .header("X-Admin-Token", token)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }
}

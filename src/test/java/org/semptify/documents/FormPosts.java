package org.semptify.documents;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.semptify.testing.TestServer;

/** Form bodies with repeated fields (check boxes), posted as a program or as a browser would. */
final class FormPosts {
  private FormPosts() {}

  /** The fields in order; a name may repeat. */
  static List<Map.Entry<String, String>> fields(Map<String, String> single, String... repeated) {
    List<Map.Entry<String, String>> fields = new ArrayList<>(single.entrySet());
    for (int i = 0; i + 1 < repeated.length; i += 2) {
      fields.add(Map.entry(repeated[i], repeated[i + 1]));
    }
    return fields;
  }

  static String encode(List<Map.Entry<String, String>> fields) {
    return fields.stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** A program: the token in X-User-Token, JSON back. */
  static HttpResponse<String> asProgram(
      TestServer server, String token, String path, List<Map.Entry<String, String>> fields) {
    HttpRequest.Builder request =
        server
            .request(path)
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(fields)));
    if (token != null) {
      request.header("X-User-Token", token);
    }
    return server.send(request.build());
  }
}

package org.semptify.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Plain paths are handed to Javalin first, but every request is answered by the endpoint that
 * answered it in the declared order.
 */
class RouteTableTest {
  /** Declared in this order; some plain paths come after parameter routes that match them. */
  private static final List<String[]> DECLARED =
      List.of(
          new String[] {"GET", "/"},
          new String[] {"GET", "/vault/{id}"},
          new String[] {"GET", "/vault/new"}, // shadowed by /vault/{id}: answered by it, as before
          new String[] {"GET", "/vault"}, // kept after /vault/{id}, which might match "/vault/"
          new String[] {"POST", "/vault/new"}, // another method: not shadowed
          new String[] {"GET", "/files/<rest>"},
          new String[] {"GET", "/files/a/b"}, // shadowed by the slash-accepting parameter
          new String[] {"GET", "/static/*"},
          new String[] {"GET", "/static/app.css"}, // shadowed by the wildcard
          new String[] {"GET", "/a/{x}/c"},
          new String[] {"GET", "/a/b/c"}, // shadowed by /a/{x}/c
          new String[] {"GET", "/metrics/"},
          new String[] {"GET", "/metrics"}, // the same as /metrics/: shadowed, keeps its place
          new String[] {"GET", "/health"},
          new String[] {"DELETE", "/health"},
          new String[] {"GET", "/x{y}"},
          new String[] {"GET", "/xz"}); // shadowed: /x{y} matches it

  private static final List<String> REQUESTS =
      List.of(
          "/",
          "/vault/new",
          "/vault/new/",
          "/vault/7",
          "/vault",
          "/vault/",
          "/files/a/b",
          "/files/a",
          "/static/app.css",
          "/static/x",
          "/a/b/c",
          "/a/q/c",
          "/metrics",
          "/metrics/",
          "/health",
          "/health/",
          "/xz",
          "/xq",
          "/nope",
          "//health",
          "/HEALTH");

  @Test
  void plainPathsGoFirstUnlessAnEarlierEndpointMightMatchThem() {
    List<String> order =
        RouteTable.inMatchingOrder(DECLARED, e -> HandlerType.findOrCreate(e[0]), e -> e[1])
            .stream()
            .map(e -> e[0] + " " + e[1])
            .toList();
    assertThat(order)
        .containsExactly(
            "GET /",
            "POST /vault/new",
            "GET /metrics/",
            "GET /health",
            "DELETE /health",
            "GET /vault/{id}",
            "GET /vault/new",
            "GET /vault", // /vault/{id} might match "/vault/": kept in place (errs towards yes)
            "GET /files/<rest>",
            "GET /files/a/b",
            "GET /static/*",
            "GET /static/app.css",
            "GET /a/{x}/c",
            "GET /a/b/c",
            "GET /metrics",
            "GET /x{y}",
            "GET /xz");
  }

  @Test
  void everyRequestIsAnsweredByTheSameEndpointAsInTheDeclaredOrder() throws Exception {
    List<String> declared = answers((config, e) -> add(config, e));
    List<String> table = answers(null); // through RouteTable
    assertThat(table).isEqualTo(declared);
    assertThat(declared).contains("GET /vault/new -> GET /vault/{id}");
  }

  @Test
  void endpointsCannotBeDeclaredAfterTheCommit() {
    Javalin app =
        Javalin.create(
            config -> {
              RouteTable table = new RouteTable(config.routes);
              table.get("/one", ctx -> ctx.result("one"));
              table.commit();
              assertThatThrownBy(() -> table.get("/two", ctx -> ctx.result("two")))
                  .isInstanceOf(IllegalStateException.class);
              assertThatThrownBy(table::commit).isInstanceOf(IllegalStateException.class);
            });
    assertThat(app).isNotNull();
  }

  private static void add(io.javalin.config.RoutesConfig routes, String[] endpoint) {
    String name = endpoint[0] + " " + endpoint[1];
    switch (endpoint[0]) {
      case "GET" -> routes.get(endpoint[1], ctx -> ctx.result(name));
      case "POST" -> routes.post(endpoint[1], ctx -> ctx.result(name));
      default -> routes.delete(endpoint[1], ctx -> ctx.result(name));
    }
  }

  /**
   * Each request (GET, and POST and DELETE) with the endpoint that answered it: endpoints added to
   * Javalin directly in the declared order, or (direct == null) through a RouteTable.
   */
  private static List<String> answers(BiConsumer<io.javalin.config.RoutesConfig, String[]> direct)
      throws Exception {
    Javalin app =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  if (direct != null) {
                    DECLARED.forEach(e -> direct.accept(config.routes, e));
                    return;
                  }
                  RouteTable table = new RouteTable(config.routes);
                  for (String[] e : DECLARED) {
                    String name = e[0] + " " + e[1];
                    switch (e[0]) {
                      case "GET" -> table.get(e[1], ctx -> ctx.result(name));
                      case "POST" -> table.post(e[1], ctx -> ctx.result(name));
                      default -> table.delete(e[1], ctx -> ctx.result(name));
                    }
                  }
                  table.commit();
                })
            .start("127.0.0.1", 0);
    try {
      HttpClient client = HttpClient.newHttpClient();
      List<String> answers = new ArrayList<>();
      for (String method : List.of("GET", "POST", "DELETE")) {
        for (String path : REQUESTS) {
          HttpResponse<String> response =
              client.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                      .method(method, HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          answers.add(
              method
                  + " "
                  + path
                  + " -> "
                  + (response.statusCode() == 200 ? response.body() : response.statusCode()));
        }
      }
      return answers;
    } finally {
      app.stop();
    }
  }
}

package org.semptify.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.EndpointMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How endpoints are declared. Every GET also answers HEAD with the same handler (same filters,
 * authentication, rate limits and status; Jetty sends no body): left to itself, Javalin answers a
 * HEAD for any GET path with an empty 200 without running anything. POSTs whose handler streams a
 * multipart body are declared with {@link #upload}, the only routes whose CSRF check may wait for
 * the body (see {@code CsrfFilter} in security/web).
 */
public final class RouteTable {
  private final RoutesConfig routes;
  private final List<Declared> declared = new ArrayList<>();
  private boolean committed;

  /** One endpoint as declared: its method, path and how to hand it to Javalin. */
  private record Declared(HandlerType method, String path, Runnable register) {}

  public RouteTable(RoutesConfig routes) {
    this.routes = routes;
  }

  /** {@code GET path}, and {@code HEAD path} answered by the same handler without the body. */
  public RouteTable get(String path, Handler handler) {
    declare(HandlerType.GET, path, () -> routes.get(path, handler));
    declare(HandlerType.HEAD, path, () -> routes.head(path, handler));
    return this;
  }

  public RouteTable post(String path, Handler handler) {
    declare(HandlerType.POST, path, () -> routes.post(path, handler));
    return this;
  }

  /**
   * A POST whose handler streams its {@code multipart/form-data} body through {@code
   * UploadReceiver}, which completes the CSRF check from the body's first field.
   */
  public RouteTable upload(String path, Handler handler) {
    declare(
        HandlerType.POST,
        path,
        () ->
            routes.addEndpoint(
                Endpoint.create(HandlerType.POST, path)
                    .addMetadata(StreamedBody.INSTANCE)
                    .handler(handler)));
    return this;
  }

  public RouteTable delete(String path, Handler handler) {
    declare(HandlerType.DELETE, path, () -> routes.delete(path, handler));
    return this;
  }

  private void declare(HandlerType method, String path, Runnable register) {
    if (committed) {
      throw new IllegalStateException("the route table is already handed to Javalin: " + path);
    }
    declared.add(new Declared(method, path, register));
  }

  /**
   * Hands the declared endpoints to Javalin, once, after the last one. Javalin tries a request's
   * path against each endpoint of its method in the order they were added, with a regular
   * expression for every path that is not the request's exact one (a matcher allocated per try):
   * {@code GET /metrics} tried ten before its own. So endpoints whose path is a plain string (no
   * {@code {param}}, {@code <param>} or {@code *}) go first, each found by string comparison,
   * unless an endpoint declared before it might also match its path (then it keeps its place):
   * every request is answered by the same endpoint as in the declared order.
   */
  public void commit() {
    if (committed) {
      throw new IllegalStateException("the route table is already handed to Javalin");
    }
    committed = true;
    for (Declared endpoint : inMatchingOrder(declared)) {
      endpoint.register().run();
    }
  }

  /** Declared endpoints, plain paths first where that cannot change which one answers a request. */
  static <T> List<T> inMatchingOrder(
      List<T> endpoints, Function<T, HandlerType> method, Function<T, String> path) {
    List<T> first = new ArrayList<>();
    List<T> rest = new ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      T endpoint = endpoints.get(i);
      if (isPlain(path.apply(endpoint)) && !shadowed(endpoints, i, method, path)) {
        first.add(endpoint);
      } else {
        rest.add(endpoint);
      }
    }
    first.addAll(rest);
    return first;
  }

  private static List<Declared> inMatchingOrder(List<Declared> endpoints) {
    return inMatchingOrder(endpoints, Declared::method, Declared::path);
  }

  /** Whether the path is matched by string comparison alone: no parameter and no wildcard. */
  static boolean isPlain(String path) {
    return path.indexOf('{') < 0 && path.indexOf('<') < 0 && path.indexOf('*') < 0;
  }

  /**
   * Whether an endpoint declared before {@code at}, for the same method, might match its plain path
   * (or that path with or without a trailing slash): a plain one with the same path, or one with
   * parameters whose literal beginning the path starts with. Errs towards yes.
   */
  private static <T> boolean shadowed(
      List<T> endpoints, int at, Function<T, HandlerType> method, Function<T, String> path) {
    String own = trimSlash(path.apply(endpoints.get(at)));
    HandlerType type = method.apply(endpoints.get(at));
    for (int i = 0; i < at; i++) {
      T earlier = endpoints.get(i);
      if (!method.apply(earlier).equals(type)) {
        continue;
      }
      String other = path.apply(earlier);
      if (isPlain(other)) {
        if (trimSlash(other).equals(own)) {
          return true;
        }
      } else {
        String literal = other.substring(0, firstSpecial(other));
        if (own.startsWith(literal) || (own + "/").startsWith(literal)) {
          return true;
        }
      }
    }
    return false;
  }

  private static int firstSpecial(String path) {
    int at = path.length();
    for (char c : new char[] {'{', '<', '*'}) {
      int found = path.indexOf(c);
      if (found >= 0 && found < at) {
        at = found;
      }
    }
    return at;
  }

  private static String trimSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /**
   * Marks, in the route table, a POST whose handler streams its multipart body: the only kind of
   * route whose CSRF check (security/web's {@code CsrfFilter}) may wait for the body's {@code
   * csrf_token} field.
   */
  public enum StreamedBody implements EndpointMetadata {
    INSTANCE
  }

  /** Filters and exception handlers are declared on the underlying configuration. */
  public RoutesConfig config() {
    return routes;
  }
}

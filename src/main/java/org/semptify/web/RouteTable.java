package org.semptify.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.EndpointMetadata;

/**
 * How endpoints are declared. Every GET also answers HEAD with the same handler (same filters,
 * authentication, rate limits and status; Jetty sends no body): left to itself, Javalin answers a
 * HEAD for any GET path with an empty 200 without running anything. POSTs whose handler streams a
 * multipart body are declared with {@link #upload}, the only routes whose CSRF check may wait for
 * the body (see {@code CsrfFilter} in security/web).
 */
public final class RouteTable {
  private final RoutesConfig routes;

  public RouteTable(RoutesConfig routes) {
    this.routes = routes;
  }

  /** {@code GET path}, and {@code HEAD path} answered by the same handler without the body. */
  public RouteTable get(String path, Handler handler) {
    routes.get(path, handler);
    routes.head(path, handler);
    return this;
  }

  public RouteTable post(String path, Handler handler) {
    routes.post(path, handler);
    return this;
  }

  /**
   * A POST whose handler streams its {@code multipart/form-data} body through {@code
   * UploadReceiver}, which completes the CSRF check from the body's first field.
   */
  public RouteTable upload(String path, Handler handler) {
    routes.addEndpoint(
        Endpoint.create(HandlerType.POST, path)
            .addMetadata(StreamedBody.INSTANCE)
            .handler(handler));
    return this;
  }

  public RouteTable delete(String path, Handler handler) {
    routes.delete(path, handler);
    return this;
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

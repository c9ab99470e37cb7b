package org.semptify.server;

import io.javalin.config.RoutesConfig;
import java.util.Map;
import org.semptify.ops.OpsHandlers;

/** The route table: every endpoint of the server, in one place. */
final class Routes {
  private Routes() {}

  static void register(RoutesConfig routes, Pages pages, OpsHandlers ops) {
    routes.get("/", ctx -> pages.render(ctx, "index.jte", Map.of()));

    routes.get("/health", ops::health);
    routes.get("/healthz", ops::healthz);
    routes.get("/readyz", ops::readyz);
    routes.get("/info", ops::info);
    routes.get("/version", ops::version);
    routes.get("/metrics", ops::metrics);
  }
}

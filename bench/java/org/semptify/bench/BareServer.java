package org.semptify.bench;

import io.javalin.Javalin;

/**
 * The ceiling for /health: the same HTTP framework in the same kind of JVM answering a constant
 * JSON body, with nothing of Semptify around it.
 */
public final class BareServer {
  private BareServer() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jetty.host = "127.0.0.1";
              config.jetty.port = port;
              config.routes.get("/health", ctx -> ctx.json(java.util.Map.of("status", "ok")));
            })
        .start();
  }
}

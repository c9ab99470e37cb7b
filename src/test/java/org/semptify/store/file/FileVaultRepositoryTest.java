package org.semptify.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.store.VaultRepository;
import org.semptify.store.VaultRepositoryContract;

/** uploads/vault/ passes the contract, in the vault's file layout, with private modes. */
class FileVaultRepositoryTest extends VaultRepositoryContract {
  @TempDir Path uploads;

  @Override
  protected VaultRepository create() {
    return another();
  }

  @Override
  protected VaultRepository another() {
    return new FileVaultRepository(uploads);
  }

  @Test
  void theLayoutIsTheVaultsWithPrivateModes() throws Exception {
    repository().replaceDocument(USER, "manifest", "x".getBytes(StandardCharsets.UTF_8));
    repository().writePending(USER, DOC, out -> out.write(1));
    Path folder = uploads.resolve("vault").resolve(USER);
    Path pending = folder.resolve("blobs/pending-" + DOC + ".bin");
    assertThat(pending).exists();
    repository().commitBlob(USER, DOC);

    Path manifest = folder.resolve("manifest.bin");
    Path blob = folder.resolve("blobs/" + DOC + ".bin");
    assertThat(pending).doesNotExist();
    for (Path file : new Path[] {manifest, blob}) {
      assertThat(Files.getPosixFilePermissions(file))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
    for (Path dir : new Path[] {uploads.resolve("vault"), folder, folder.resolve("blobs")}) {
      assertThat(Files.getPosixFilePermissions(dir))
          .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }
    try (Stream<Path> files = Files.list(folder.resolve("blobs"))) {
      assertThat(files).containsExactly(blob);
    }
  }
}

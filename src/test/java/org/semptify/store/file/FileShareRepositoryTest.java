package org.semptify.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.json.JsonMapping;
import org.semptify.store.Share;
import org.semptify.store.ShareRepository;
import org.semptify.store.ShareRepositoryContract;

/** uploads/shares/ passes the contract; a share file that does not parse opens nothing. */
class FileShareRepositoryTest extends ShareRepositoryContract {
  @TempDir Path uploads;

  @Override
  protected ShareRepository create() {
    return another();
  }

  @Override
  protected ShareRepository another() {
    return new FileShareRepository(uploads, JsonMapping.mapper());
  }

  @Test
  void eachShareIsOnePrivateFile() throws Exception {
    Share share = share("s_abcdefghij0123456789", "u_owner");
    repository().put(share);
    Path file = uploads.resolve("shares/s_abcdefghij0123456789.json");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (var files = Files.list(uploads.resolve("shares"))) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aShareFileThatDoesNotParseOpensNothing() throws Exception {
    Share share = share("s_abcdefghij0123456789", "u_owner");
    repository().put(share);
    Files.writeString(uploads.resolve("shares/s_abcdefghij0123456789.json"), "{\"share_id\": ");
    assertThat(repository().find(share.shareId())).isEmpty();
    assertThat(repository().deleteOwned("u_owner", share.shareId())).isFalse();
  }
}

package org.semptify.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.semptify.store.ContractSupport.eventually;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.crypto.Tokens;
import org.semptify.json.JsonMapping;
import org.semptify.ops.EventLog;
import org.semptify.store.AdminTokenRepository;
import org.semptify.store.AdminTokenRepositoryContract;
import org.semptify.store.InvalidStateFileException;
import org.semptify.testing.TestEventLogs;

/** admin_tokens.json passes the contract, and fails closed on a file it cannot read. */
class FileAdminTokenRepositoryTest extends AdminTokenRepositoryContract {
  @TempDir Path root;
  private Path file;
  private EventLog events;

  @Override
  protected AdminTokenRepository create() throws Exception {
    Files.createDirectories(root.resolve("logs"));
    file = root.resolve("admin_tokens.json");
    events = TestEventLogs.at(root.resolve("logs/events.log"));
    return another();
  }

  @Override
  protected AdminTokenRepository another() {
    return new FileAdminTokenRepository(file, JsonMapping.mapper(), events);
  }

  @Test
  void theFileIsPrivateAndIndentedForHandEdits() throws Exception {
    repository().add(token("ops"));
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(file)).startsWith("[").contains("\"id\" : \"ops\"");
  }

  @Test
  void aHandEditIsSeen() throws Exception {
    repository().add(token("ops"));
    Files.writeString(
        file, Files.readString(file).replace("\"enabled\" : true", "\"enabled\" : false"));
    eventually(() -> !repository().findById("ops").orElseThrow().enabled());
  }

  @Test
  void anUpdateThatChangesNothingLeavesTheOperatorsFileAsItWas() throws Exception {
    String original =
        "{\"tokens\": [{\"id\": \"a\", \"hash\": \""
            + Tokens.hash("a")
            + "\", \"created_ts\": 1}]}";
    Files.writeString(file, original);
    assertThat(repository().updateAll(t -> t)).isZero();
    assertThat(repository().consumeBreakglass("a", 2)).isFalse();
    assertThat(Files.readString(file)).isEqualTo(original);
  }

  @Test
  void aGarbageFileFailsClosedIsReportedOnceAndIsNeverOverwritten() throws Exception {
    repository().add(breakglass("glass", null));
    byte[] garbage = "[{\"id\": \"glass\", \"hash\": ".getBytes();
    Files.write(file, garbage);

    assertThat(repository().findByHash(Tokens.hash("value of glass"))).isEmpty();
    assertThat(repository().problem()).contains("does not parse");
    assertThat(repository().check().ok()).isFalse();
    assertThatThrownBy(repository()::list).isInstanceOf(InvalidStateFileException.class);
    assertThatThrownBy(() -> repository().add(token("other")))
        .isInstanceOf(InvalidStateFileException.class);
    assertThatThrownBy(() -> repository().update("glass", t -> t))
        .isInstanceOf(InvalidStateFileException.class);
    assertThatThrownBy(() -> repository().updateAll(t -> t))
        .isInstanceOf(InvalidStateFileException.class);
    assertThatThrownBy(() -> repository().consumeBreakglass("glass", 1))
        .isInstanceOf(InvalidStateFileException.class);
    assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    assertThat(Files.readString(root.resolve("logs/events.log")).split("token_file_invalid", -1))
        .hasSize(2);
  }
}

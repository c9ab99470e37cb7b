package org.semptify.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.semptify.store.ContractSupport.eventually;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.crypto.Tokens;
import org.semptify.json.JsonMapping;
import org.semptify.ops.EventLog;
import org.semptify.store.InvalidStateFileException;
import org.semptify.store.UserAccount;
import org.semptify.store.UserRepository;
import org.semptify.store.UserRepositoryContract;
import org.semptify.testing.TestEventLogs;

/** users.json passes the contract, and fails closed on a file it cannot read. */
class FileUserRepositoryTest extends UserRepositoryContract {
  @TempDir Path root;
  private Path file;
  private EventLog events;

  @Override
  protected UserRepository create() throws Exception {
    Files.createDirectories(root.resolve("logs"));
    file = root.resolve("users.json");
    events = TestEventLogs.at(root.resolve("logs/events.log"));
    return another();
  }

  @Override
  protected UserRepository another() {
    return new FileUserRepository(file, JsonMapping.mapper(), events);
  }

  @Test
  void theFileIsPrivateAndNoTemporaryIsLeft() throws Exception {
    repository().addAll(List.of(account("u_a")));
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (var files = Files.list(root)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("users.json", "users.json.lock", "logs");
    }
  }

  @Test
  void aHandEditIsSeen() throws Exception {
    repository().addAll(List.of(account("u_a")));
    String text = Files.readString(file);
    Files.writeString(file, text.replace("\"enabled\":true", "\"enabled\":false"));
    eventually(() -> !repository().findById("u_a").orElseThrow().enabled());
  }

  @Test
  void aGarbageFileFailsClosedIsReportedOnceAndIsNeverOverwritten() throws Exception {
    UserAccount a = account("u_a");
    repository().addAll(List.of(a));
    byte[] garbage = "[{\"id\": \"u_a\", \"hash\": ".getBytes();
    Files.write(file, garbage);

    assertThat(repository().findByHash(a.hash())).isEmpty();
    assertThat(repository().findById("u_a")).isEmpty();
    assertThat(repository().problem()).contains("does not parse");
    assertThat(repository().check().ok()).isFalse();
    assertThatThrownBy(repository()::list).isInstanceOf(InvalidStateFileException.class);
    assertThatThrownBy(() -> repository().addAll(List.of(account("u_b"))))
        .isInstanceOf(InvalidStateFileException.class);
    assertThatThrownBy(() -> repository().update("u_a", u -> u))
        .isInstanceOf(InvalidStateFileException.class);
    assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    assertThat(Files.readString(root.resolve("logs/events.log")).split("token_file_invalid", -1))
        .hasSize(2);
  }

  @Test
  void theProblemNeverQuotesTheFile() throws Exception {
    String secretish = Tokens.hash("do not echo");
    Files.writeString(file, "{\"x\": \"" + secretish + "\"}");
    assertThat(repository().problem()).isNotNull().doesNotContain(secretish);
  }
}

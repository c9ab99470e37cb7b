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

  @Test
  void anAppendKeepsTheBytesOfTheEntriesThereAlready() throws Exception {
    // Written by hand: other spacing and key order than this program writes. A registration copies
    // these bytes as they are and adds the new entry, instead of encoding every account again.
    String handWritten =
        "[\n{ \"hash\": \""
            + Tokens.hash("token of u_a")
            + "\", \"id\": \"u_a\", \"enabled\": true },\n{\"id\":\"u_b\",  \"hash\":\""
            + Tokens.hash("token of u_b")
            + "\"}";
    Files.writeString(file, handWritten + "\n]\n");
    repository().addAll(List.of(account("u_c")));

    String text = Files.readString(file);
    assertThat(text).startsWith(handWritten + ",\n{\"id\":\"u_c\"").endsWith("}\n]\n");
    assertThat(another().list()).extracting(UserAccount::id).containsExactly("u_a", "u_b", "u_c");
    assertThat(repository().findByHash(Tokens.hash("token of u_b")).orElseThrow().id())
        .isEqualTo("u_b");
    assertThat(repository().findById("u_c")).contains(account("u_c"));
  }

  @Test
  void changesInTheMiddleAndAtTheEndKeepEveryOtherAccountWhereItIs() throws Exception {
    List<UserAccount> accounts = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      accounts.add(account("u_" + i));
    }
    repository().addAll(accounts.subList(0, 20));
    repository().addAll(accounts.subList(20, 40));
    UserAccount longer =
        repository()
            .update(
                "u_7",
                u ->
                    u.withCredentials(
                        Tokens.hash("a new token"),
                        "bG9uZ2VyIHNhbHQ=",
                        "bG9uZ2VyIHdyYXBwZWQga2V5"));
    accounts.set(7, longer);
    UserAccount shorter = repository().update("u_30", u -> u.withCredentials(u.hash(), "", ""));
    accounts.set(30, shorter);
    assertThat(repository().delete("u_12")).isTrue();
    assertThat(repository().delete("u_39")).isTrue();
    assertThat(repository().delete("u_0")).isTrue();
    accounts.remove(39);
    accounts.remove(12);
    accounts.remove(0);
    repository().addAll(List.of(account("u_new")));
    accounts.add(account("u_new"));

    for (UserRepository handle : List.of(repository(), another())) {
      assertThat(handle.list()).containsExactlyElementsOf(accounts);
      for (UserAccount expected : accounts) {
        assertThat(handle.findById(expected.id())).contains(expected);
        assertThat(handle.findByHash(expected.hash())).contains(expected);
      }
      assertThat(handle.findByHash(Tokens.hash("token of u_7"))).isEmpty();
      assertThat(handle.findById("u_12")).isEmpty();
    }
    assertThat(Files.readAllLines(file)).hasSize(accounts.size() + 2);
  }

  @Test
  void aThreadInterruptedWhileLookingUpStillFindsTheAccountAndStaysInterrupted() throws Exception {
    repository().addAll(List.of(account("u_a"), account("u_b")));
    assertThat(repository().findById("u_a")).isPresent();
    Thread.currentThread().interrupt();
    try {
      assertThat(repository().findById("u_b")).contains(account("u_b"));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(repository().findByHash(account("u_a").hash())).contains(account("u_a"));
  }

  @Test
  void accountsAreNotKeptParsedInMemory() throws Exception {
    // 30,000 accounts as this program writes them: parsed and mapped they took about 20 MB of heap
    // (each one's strings, record and map entries, plus every entry's bytes); the index keeps 32
    // bytes of hash, the id and the entry's place in the file for each.
    int count = 30_000;
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "\n" : ",\n")
          .append("{\"id\":\"u_")
          .append(String.format(java.util.Locale.ROOT, "%020d", i))
          .append("\",\"hash\":\"")
          .append(Tokens.hash("token " + i))
          .append("\",\"created_ts\":1700000000,\"enabled\":true,\"salt\":\"")
          .append("c2FsdHNhbHRzYWx0c2FsdA==")
          .append("\",\"wrapped_key\":\"")
          .append("d3JhcHBlZCBrZXkgd3JhcHBlZCBrZXkgd3JhcHBlZCBrZXkgd3JhcHBlZCBrZXkgd3JhcHBlZA==")
          .append("\"}");
    }
    Files.writeString(file, text.append("\n]\n"));
    text = null;

    long before = heapInUse();
    UserRepository loaded = another();
    assertThat(loaded.findById("u_" + String.format(java.util.Locale.ROOT, "%020d", 12_345)))
        .isPresent();
    loaded.addAll(List.of(account("u_more")));
    long after = heapInUse();
    assertThat(loaded.findByHash(Tokens.hash("token 29999"))).isPresent();
    assertThat(after - before).isLessThan(8L * 1024 * 1024);
  }

  private static long heapInUse() throws InterruptedException {
    java.lang.management.MemoryMXBean memory =
        java.lang.management.ManagementFactory.getMemoryMXBean();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
    }
    return least;
  }
}

package org.semptify.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.json.JsonMapping;
import org.semptify.ops.EventLog;
import org.semptify.store.InvalidStateFileException;
import org.semptify.store.UserAccount;
import org.semptify.store.file.FileUserRepository;
import org.semptify.testing.TestEventLogs;

/**
 * users.json as registrations append to it: each write reuses the bytes of unchanged entries, and
 * must still never undo a change made by someone else (a hand edit, the CLI in another process).
 */
class UserStoreFileTest {
  @TempDir Path root;
  private Path file;
  private UserStore store;

  @BeforeEach
  void setUp() throws Exception {
    Files.createDirectories(root.resolve("logs"));
    file = root.resolve("users.json");
    store = newStore();
  }

  private UserStore newStore() {
    EventLog events = TestEventLogs.at(root.resolve("logs/events.log"));
    return new UserStore(
        new FileUserRepository(file, JsonMapping.mapper(), events), java.time.Clock.systemUTC());
  }

  private ArrayNode onDisk() throws Exception {
    return (ArrayNode) JsonMapping.mapper().readTree(Files.readAllBytes(file));
  }

  @Test
  void everyRegistrationIsInTheFileOneEntryPerLine() throws Exception {
    List<UserStore.Registered> first = store.registerAll(3, 1_700_000_000L);
    UserStore.Registered fourth = store.register(1_700_000_100L);
    ArrayNode users = onDisk();
    assertThat(users).hasSize(4);
    assertThat(users.get(3).get("id").asText()).isEqualTo(fourth.id());
    assertThat(users.get(3).get("created_ts").asLong()).isEqualTo(1_700_000_100L);
    assertThat(Files.readAllLines(file)).hasSize(4 + 2); // "[" and "]" on lines of their own
    for (UserStore.Registered user : List.of(first.get(0), first.get(2), fourth)) {
      assertThat(store.findByToken(user.token())).map(UserAccount::id).hasValue(user.id());
    }
    // Another process (a restart, the CLI) reads exactly what this one wrote.
    UserStore reread = newStore();
    assertThat(reread.list()).containsExactlyElementsOf(store.list());
    assertThat(reread.findByToken(fourth.token())).map(UserAccount::id).hasValue(fourth.id());
  }

  @Test
  void aHandEditBetweenRegistrationsIsKept() throws Exception {
    List<UserStore.Registered> users = store.registerAll(2, 1_700_000_000L);
    ArrayNode edited = onDisk();
    ((ObjectNode) edited.get(0)).put("enabled", false);
    ((ObjectNode) edited.get(1)).put("note", "moved out");
    Files.write(file, JsonMapping.mapper().writeValueAsBytes(edited));

    store.register(1_700_000_100L);

    ArrayNode after = onDisk();
    assertThat(after).hasSize(3);
    assertThat(after.get(0).get("enabled").asBoolean()).isFalse();
    assertThat(after.get(1).get("note").asText()).isEqualTo("moved out");
    assertThat(store.findById(users.get(0).id())).map(UserAccount::enabled).hasValue(false);
  }

  @Test
  void aChangeThenARegistrationWritesBoth() throws Exception {
    List<UserStore.Registered> users = store.registerAll(2, 1_700_000_000L);
    store.setEnabled(users.get(1).id(), false);
    UserStore.Registered third = store.register(1_700_000_100L);
    store.setExpiry(third.id(), 1_800_000_000L);
    UserStore.Registered fourth = store.register(1_700_000_200L);

    ArrayNode after = onDisk();
    assertThat(after).hasSize(4);
    assertThat(after.get(1).get("enabled").asBoolean()).isFalse();
    JsonNode thirdOnDisk = after.get(2);
    assertThat(thirdOnDisk.get("id").asText()).isEqualTo(third.id());
    assertThat(thirdOnDisk.get("expires_ts").asLong()).isEqualTo(1_800_000_000L);
    assertThat(after.get(3).get("id").asText()).isEqualTo(fourth.id());
    assertThat(newStore().list()).containsExactlyElementsOf(store.list());
  }

  @Test
  void aFileThatIsNotOneArrayOfObjectsFailsClosed() throws Exception {
    store.registerAll(1, 1_700_000_000L);
    String valid = Files.readString(file);
    for (String broken : List.of(valid + "[]", "[1]", valid.replace("\n]", ","), "")) {
      Files.writeString(file, broken);
      UserStore reader = newStore();
      assertThat(reader.problem()).as(broken).isNotNull();
      assertThatThrownBy(reader::list).isInstanceOf(InvalidStateFileException.class);
    }
  }
}

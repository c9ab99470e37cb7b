package org.semptify.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.crypto.Tokens;
import org.semptify.json.JsonMapping;
import org.semptify.ops.EventLog;
import org.semptify.store.AdminToken;
import org.semptify.store.InvalidStateFileException;
import org.semptify.store.UnknownEntryException;
import org.semptify.store.file.FileAdminTokenRepository;
import org.semptify.testing.TestEventLogs;

/** admin_tokens.json: the canonical form, the original's forms, and failing closed. */
class AdminTokenFileTest {
  @TempDir Path root;
  private Path file;
  private AdminTokenStore store;

  @BeforeEach
  void setUp() throws Exception {
    Files.createDirectories(root.resolve("logs"));
    file = root.resolve("admin_tokens.json");
    EventLog events = TestEventLogs.at(root.resolve("logs/events.log"));
    store =
        new AdminTokenStore(
            new FileAdminTokenRepository(file, JsonMapping.mapper(), events), Clock.systemUTC());
  }

  private String events() throws Exception {
    Path log = root.resolve("logs/events.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Test
  void createWritesTheCanonicalArrayWithOnlyTheHash() throws Exception {
    AdminTokenStore.Issued issued = store.create("ops", false, null);
    String text = Files.readString(file);
    assertThat(text).startsWith("[").contains("\"id\" : \"ops\"").contains("\"hash\" : \"sha256:");
    assertThat(text)
        .contains("\"created_ts\"")
        .contains("\"enabled\" : true")
        .contains("\"breakglass\" : false");
    assertThat(text).doesNotContain(issued.value());
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(store.findByToken(issued.value())).map(AdminToken::id).hasValue("ops");
  }

  @Test
  void duplicateIdsAreRefused() {
    store.create("ops", false, null);
    assertThatThrownBy(() -> store.create("ops", false, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsTheOriginalsWrappedAndKeyedForms() throws Exception {
    String hash = Tokens.hash("first-legacy-token-value");
    String bare = Tokens.hash("second-legacy-token-value").substring("sha256:".length());
    Files.writeString(
        file,
        "{\"tokens\": [{\"id\": \"a\", \"hash\": \""
            + hash
            + "\", \"created_ts\": 1699123456.789, \"breakglass\": false}]}");
    assertThat(store.findByToken("first-legacy-token-value")).map(AdminToken::id).hasValue("a");

    Files.writeString(file, "{\"b\": {\"hash\": \"" + bare + "\", \"enabled\": true}}");
    assertThat(store.findByToken("second-legacy-token-value")).map(AdminToken::id).hasValue("b");
    assertThat(store.findByToken("first-legacy-token-value")).isEmpty();
  }

  @Test
  void plaintextTokensAreAcceptedReportedAndMigrated() throws Exception {
    Files.writeString(
        file, "[{\"id\": \"old\", \"token\": \"plain-legacy-admin-token\", \"created_ts\": 1}]");
    assertThat(store.findByToken("plain-legacy-admin-token")).map(AdminToken::id).hasValue("old");
    assertThat(events())
        .contains("\"event\":\"plaintext_token_in_file\"")
        .doesNotContain("plain-legacy-admin-token");

    assertThat(store.migrate()).isEqualTo(1);
    String migrated = Files.readString(file);
    assertThat(migrated)
        .doesNotContain("plain-legacy-admin-token")
        .contains(Tokens.hash("plain-legacy-admin-token"));
    assertThat(store.findByToken("plain-legacy-admin-token")).map(AdminToken::id).hasValue("old");
    assertThat(store.migrate()).isZero();
  }

  @Test
  void theOriginalsTokenKeyedObjectIsReadAsPlaintext() throws Exception {
    Files.writeString(
        file, "{\"the-plaintext-key-token\": {\"created_ts\": 5, \"breakglass\": false}}");
    assertThat(store.findByToken("the-plaintext-key-token"))
        .map(AdminToken::plaintextInFile)
        .hasValue(true);
  }

  @Test
  void aGarbageFileFailsClosedIsReportedOnceAndIsNeverOverwritten() throws Exception {
    AdminTokenStore.Issued issued = store.create("ops", false, null);
    byte[] garbage = "[{\"id\": \"ops\", \"hash\": ".getBytes();
    Files.write(file, garbage);

    assertThat(store.findByToken(issued.value())).isEmpty();
    assertThat(store.findByToken(issued.value())).isEmpty();
    assertThat(store.problem()).contains("does not parse");
    assertThatThrownBy(() -> store.create("other", false, null))
        .isInstanceOf(InvalidStateFileException.class);
    assertThatThrownBy(() -> store.setEnabled("ops", false))
        .isInstanceOf(InvalidStateFileException.class);
    assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    assertThat(events().split("token_file_invalid", -1))
        .hasSize(2); // exactly once for this version
  }

  @Test
  void entriesWithWrongTypesMakeTheFileInvalid() throws Exception {
    Files.writeString(
        file, "[{\"id\": \"x\", \"hash\": \"" + Tokens.hash("t") + "\", \"enabled\": \"yes\"}]");
    assertThat(store.problem()).contains("enabled");
    Files.writeString(file, "[{\"id\": \"x\", \"hash\": \"md5:abc\"}]");
    assertThat(store.problem()).contains("hash");
    Files.writeString(
        file,
        "[{\"id\": \"x\", \"hash\": \""
            + Tokens.hash("t")
            + "\"}, {\"id\": \"x\", \"hash\": \""
            + Tokens.hash("u")
            + "\"}]");
    assertThat(store.problem()).contains("two entries");
  }

  @Test
  void unknownIdsAreReported() {
    assertThatThrownBy(() -> store.setEnabled("nope", false))
        .isInstanceOf(UnknownEntryException.class);
  }

  @Test
  void unknownFieldsSurviveARewrite() throws Exception {
    Files.writeString(
        file,
        "[{\"id\": \"x\", \"hash\": \""
            + Tokens.hash("t")
            + "\", \"note\": \"laptop of the director\"}]");
    store.setEnabled("x", false);
    assertThat(Files.readString(file))
        .contains("laptop of the director")
        .contains("\"enabled\" : false");
  }
}

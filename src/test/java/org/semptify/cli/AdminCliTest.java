package org.semptify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.crypto.TokenKind;
import org.semptify.crypto.Tokens;
import org.semptify.testing.Cli;

/** admin-token, hash-token and user commands: output, files and exit codes. */
class AdminCliTest {
  @TempDir Path root;

  @Test
  void createPrintsOnlyTheTokenOnStdout() throws Exception {
    Cli.Result result = Cli.run(root, "admin-token", "create", "--id", "ops", "--expires-in", "30");
    assertThat(result.exitCode()).isZero();
    String token = result.stdout().strip();
    assertThat(result.stdout()).isEqualTo(token + "\n");
    assertThat(Tokens.isWellFormed(token, TokenKind.ADMIN)).isTrue();
    assertThat(result.stderr())
        .contains("ops")
        .contains("cannot be shown again")
        .doesNotContain(token);
    String file = Files.readString(root.resolve("security/admin_tokens.json"));
    assertThat(file).contains(Tokens.hash(token)).contains("expires_ts").doesNotContain(token);
    assertThat(Files.readString(root.resolve("logs/events.log")))
        .contains("\"event\":\"token_created\"")
        .contains("\"source\":\"cli\"")
        .doesNotContain(token);
  }

  @Test
  void breakglassFlagIsStored() throws Exception {
    Cli.run(root, "admin-token", "create", "--id", "glass", "--breakglass");
    assertThat(Files.readString(root.resolve("security/admin_tokens.json")))
        .contains("\"breakglass\" : true");
  }

  @Test
  void listShowsIdsAndFlagsButNeverHashes() {
    Cli.run(root, "admin-token", "create", "--id", "ops");
    Cli.run(root, "admin-token", "create", "--id", "glass", "--breakglass");
    Cli.Result list = Cli.run(root, "admin-token", "list");
    assertThat(list.exitCode()).isZero();
    assertThat(list.stdout()).contains("ops").contains("glass").doesNotContain("sha256");
  }

  @Test
  void disableEnableRotateAndUnknownIds() throws Exception {
    String first = Cli.createAdminToken(root, "--id", "ops");
    assertThat(Cli.run(root, "admin-token", "disable", "ops").exitCode()).isZero();
    assertThat(Files.readString(root.resolve("security/admin_tokens.json")))
        .contains("\"enabled\" : false");
    assertThat(Cli.run(root, "admin-token", "enable", "ops").exitCode()).isZero();

    Cli.Result rotated = Cli.run(root, "admin-token", "rotate", "ops");
    assertThat(rotated.exitCode()).isZero();
    String second = rotated.stdout().strip();
    assertThat(second).isNotEqualTo(first);
    String file = Files.readString(root.resolve("security/admin_tokens.json"));
    assertThat(file).contains(Tokens.hash(second)).doesNotContain(Tokens.hash(first));

    Cli.Result unknown = Cli.run(root, "admin-token", "disable", "nope");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.stderr()).contains("nope");

    Cli.Result duplicate = Cli.run(root, "admin-token", "create", "--id", "ops");
    assertThat(duplicate.exitCode()).isEqualTo(1);
  }

  @Test
  void usageErrorsExit2() {
    assertThat(Cli.run(root, "admin-token").exitCode()).isEqualTo(2);
    assertThat(Cli.run(root, "admin-token", "disable").exitCode()).isEqualTo(2);
    assertThat(Cli.run(root, "admin-token", "create", "--expires-in", "soon").exitCode())
        .isEqualTo(2);
    assertThat(Cli.run(root, "user", "expire", "u-1").exitCode()).isEqualTo(2);
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] command :
        new String[][] {
          {"admin-token", "--help"},
          {"admin-token", "create", "--help"},
          {"admin-token", "list", "--help"},
          {"admin-token", "disable", "--help"},
          {"admin-token", "enable", "--help"},
          {"admin-token", "rotate", "--help"},
          {"admin-token", "migrate", "--help"},
          {"admin-token", "revoke-all", "--help"},
          {"hash-token", "--help"},
          {"user", "--help"},
          {"user", "list", "--help"},
          {"user", "disable", "--help"},
          {"user", "enable", "--help"},
          {"user", "expire", "--help"}
        }) {
      Cli.Result result = Cli.run(root, command);
      assertThat(result.exitCode()).as(String.join(" ", command)).isZero();
      assertThat(result.stdout()).startsWith("Usage: semptify " + command[0]);
    }
  }

  @Test
  void migrateHashesPlaintextEntries() throws Exception {
    Files.createDirectories(root.resolve("security"));
    Files.writeString(
        root.resolve("security/admin_tokens.json"),
        "[{\"id\": \"old\", \"token\": \"legacy-plaintext-value\"}]");
    Cli.Result result = Cli.run(root, "admin-token", "migrate");
    assertThat(result.exitCode()).isZero();
    assertThat(Files.readString(root.resolve("security/admin_tokens.json")))
        .doesNotContain("legacy-plaintext-value")
        .contains(Tokens.hash("legacy-plaintext-value"));
  }

  @Test
  void aGarbageFileIsReportedAndLeftUntouched() throws Exception {
    Files.createDirectories(root.resolve("security"));
    Files.writeString(root.resolve("security/admin_tokens.json"), "{{{");
    Cli.Result result = Cli.run(root, "admin-token", "create");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("left untouched");
    assertThat(Files.readString(root.resolve("security/admin_tokens.json"))).isEqualTo("{{{");
  }

  @Test
  void revokeAllRotatesEveryUsableTokenAndDisablesTheRest() throws Exception {
    String a = Cli.createAdminToken(root, "--id", "a");
    Cli.createAdminToken(root, "--id", "glass", "--breakglass");
    Cli.Result result = Cli.run(root, "admin-token", "revoke-all");
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout().strip()).startsWith("a smpa_").doesNotContain("glass");
    String file = Files.readString(root.resolve("security/admin_tokens.json"));
    assertThat(file)
        .doesNotContain(Tokens.hash(a))
        .containsPattern("\"glass\",[^}]*\"enabled\" : false");
  }

  @Test
  void aCommandNeverDeletesAnotherProcesssTemporaryFile() throws Exception {
    // What the server's atomic write of users.json looks like halfway through: if a command
    // removed it, the server's rename would fail and its request would answer 503.
    Files.createDirectories(root.resolve("security"));
    Path inFlight = root.resolve("security/.tmp-users.json-0123456789abcdef");
    Files.writeString(inFlight, "[{\"id\": \"half-written");
    for (String[] command :
        new String[][] {{"user", "list"}, {"admin-token", "list"}, {"admin-token", "create"}}) {
      assertThat(Cli.run(root, command).exitCode()).as(String.join(" ", command)).isZero();
      assertThat(inFlight).as(String.join(" ", command)).hasContent("[{\"id\": \"half-written");
    }
  }

  @Test
  void eventsFiltersTheLogIncludingRotatedFiles() throws Exception {
    Cli.run(root, "admin-token", "create", "--id", "a");
    Cli.run(root, "admin-token", "create", "--id", "b", "--breakglass");
    Cli.run(root, "admin-token", "disable", "a");
    Path log = root.resolve("logs/events.log");
    Files.move(log, root.resolve("logs/events.log.1"));
    Cli.run(root, "admin-token", "enable", "a");

    Cli.Result all = Cli.run(root, "events");
    assertThat(all.exitCode()).isZero();
    assertThat(all.stdout().lines()).hasSize(4);
    assertThat(all.stdout().lines().findFirst().orElseThrow())
        .contains("\"token_id\":\"a\"")
        .contains("token_created");

    // Each event exactly as stored (ts keeps its written form, never 1.79E9).
    List<String> stored =
        new java.util.ArrayList<>(Files.readAllLines(root.resolve("logs/events.log.1")));
    stored.addAll(Files.readAllLines(log));
    assertThat(all.stdout().lines()).containsExactlyElementsOf(stored);

    Cli.Result forA = Cli.run(root, "events", "--token-id", "a");
    assertThat(forA.stdout().lines()).hasSize(3);
    Cli.Result created = Cli.run(root, "events", "--event", "token_created");
    assertThat(created.stdout().lines()).hasSize(2);
    assertThat(Cli.run(root, "events", "--since", "2999-01-01T00:00:00Z").stdout()).isEmpty();
    assertThat(Cli.run(root, "events", "--since", "yesterday").exitCode()).isEqualTo(1);
  }

  @Test
  void hashTokenReadsStdin() {
    Cli.Result result = Cli.runWithInput(root, "abc\n", Clock.systemUTC(), "hash-token");
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout())
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n");
    assertThat(Cli.runWithInput(root, "", Clock.systemUTC(), "hash-token").exitCode()).isEqualTo(1);
  }

  @Test
  void userCommandsActOnUsersJson() throws Exception {
    Files.createDirectories(root.resolve("security"));
    Files.writeString(
        root.resolve("security/users.json"),
        "[{\"id\": \"u-1\", \"hash\": \""
            + Tokens.hash("t")
            + "\", \"created_ts\": 1700000000, \"enabled\": true, \"wrapped_key\": \"kept\"}]");
    assertThat(Cli.run(root, "user", "list").stdout()).contains("u-1").doesNotContain("sha256");
    assertThat(Cli.run(root, "user", "disable", "u-1").exitCode()).isZero();
    assertThat(Files.readString(root.resolve("security/users.json")))
        .contains("\"enabled\":false")
        .contains("\"wrapped_key\":\"kept\"");
    assertThat(Cli.run(root, "user", "enable", "u-1").exitCode()).isZero();
    assertThat(Cli.run(root, "user", "expire", "u-1", "--at", "2027-01-31T00:00:00Z").exitCode())
        .isZero();
    assertThat(Files.readString(root.resolve("security/users.json")))
        .contains("\"expires_ts\":1801353600");
    assertThat(Cli.run(root, "user", "expire", "u-1", "--at", "2027-01-31").exitCode()).isZero();
    assertThat(Cli.run(root, "user", "expire", "u-1", "--at", "next tuesday").exitCode())
        .isEqualTo(1);
    assertThat(Cli.run(root, "user", "disable", "nope").exitCode()).isEqualTo(1);
    assertThat(Files.readString(root.resolve("logs/events.log")))
        .contains("\"event\":\"user_disabled\"")
        .contains("\"event\":\"user_expiry_set\"");
  }
}

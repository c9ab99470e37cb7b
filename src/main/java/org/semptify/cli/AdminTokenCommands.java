package org.semptify.cli;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.semptify.admin.AdminTokenStore;
import org.semptify.ops.EventField;
import org.semptify.ops.EventType;
import org.semptify.ops.Payload;
import org.semptify.store.AdminRole;
import org.semptify.store.AdminToken;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code semptify admin-token …}: create, list, disable, enable, rotate, migrate, revoke-all,
 * set-role.
 */
public final class AdminTokenCommands {
  private AdminTokenCommands() {}

  public static CommandLine commandLine(CliEnvironment environment) {
    return new CommandLine(new Group())
        .addSubcommand(new Create(environment))
        .addSubcommand(new ListTokens(environment))
        .addSubcommand(new Disable(environment))
        .addSubcommand(new Enable(environment))
        .addSubcommand(new Rotate(environment))
        .addSubcommand(new Migrate(environment))
        .addSubcommand(new RevokeAll(environment))
        .addSubcommand(new SetRole(environment));
  }

  @Command(
      name = "admin-token",
      mixinStandardHelpOptions = true,
      description = {
        "Manage admin tokens in security/admin_tokens.json, or in the database with"
            + " SEMPTIFY_STORE=postgres (stored only as sha256 hashes).",
        "Safe while the server runs: it sees every change within a request.",
        "With SEMPTIFY_STORE=postgres: the tokens in the database (admin_tokens.json is not used)."
      })
  static final class Group extends GroupCommand {}

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create an admin token. Prints the token, and only it, on stdout; it is shown this once.",
        "With --breakglass the token works exactly once (seed: breakglass protocol); it is an owner.",
        "Roles: owner (everything), operator (users, incident notes, its own token; views),",
        "auditor (read-only: status, events, SBOM)."
      })
  static final class Create implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin DataRootOption root;

    @Option(
        names = "--id",
        paramLabel = "ID",
        description = "Id for the token (letters, digits, . _ -). Default: generated.")
    String id;

    @Option(
        names = "--breakglass",
        description = "One-shot emergency token: consumed by its first use.")
    boolean breakglass;

    @Option(
        names = "--role",
        paramLabel = "ROLE",
        description = "owner (default), operator or auditor.")
    String role;

    @Option(
        names = "--expires-in",
        paramLabel = "DAYS",
        description = "Stop working after this many days.")
    Integer expiresInDays;

    Create(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      return Failures.run(
          environment,
          () -> {
            if (expiresInDays != null && expiresInDays <= 0) {
              throw new IllegalArgumentException("--expires-in must be a positive number of days");
            }
            StateFiles files = StateFiles.open(environment, root.dataRoot);
            Long expires =
                expiresInDays == null
                    ? null
                    : environment.clock().millis() / 1000 + expiresInDays * 86_400L;
            AdminRole chosenRole = role == null ? AdminRole.OWNER : role(role);
            if (breakglass && chosenRole != AdminRole.OWNER) {
              throw new IllegalArgumentException("a breakglass token is always owner");
            }
            AdminTokenStore.Issued issued =
                files.adminTokens.create(id, breakglass, expires, chosenRole);
            Payload payload =
                Payload.of(EventField.TOKEN_ID, issued.id())
                    .with(EventField.BREAKGLASS, breakglass)
                    .with(EventField.ROLE, chosenRole.wireName())
                    .with(EventField.SOURCE, "cli");
            if (expires != null) {
              payload.with(EventField.EXPIRES_TS, expires);
            }
            files.events.record(EventType.TOKEN_CREATED, null, payload);
            environment.out().println(issued.value());
            environment
                .err()
                .println(
                    "Created "
                        + (breakglass ? "breakglass " : "")
                        + chosenRole.wireName()
                        + " admin token '"
                        + issued.id()
                        + "'. Store it now in a password manager: it cannot be shown again.");
            return 0;
          });
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List admin tokens (ids, roles and flags; never hashes).")
  static final class ListTokens implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin DataRootOption root;

    ListTokens(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      return Failures.run(
          environment,
          () -> {
            List<AdminToken> tokens =
                StateFiles.open(environment, root.dataRoot).adminTokens.list();
            long now = environment.clock().millis() / 1000;
            environment
                .out()
                .printf(
                    "%-24s %-20s %-8s %-10s %-20s %-20s %s%n",
                    "ID", "CREATED", "ENABLED", "BREAKGLASS", "EXPIRES", "USED", "ROLE");
            for (AdminToken token : tokens) {
              environment
                  .out()
                  .printf(
                      "%-24s %-20s %-8s %-10s %-20s %-20s %s%n",
                      token.id(),
                      time(token.createdTs()),
                      token.usable(now) ? "yes" : "no",
                      token.breakglass() ? "yes" : "no",
                      time(token.expiresTs()),
                      time(token.usedTs()),
                      token.role().wireName());
            }
            return 0;
          });
    }
  }

  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description = {
        "Disable a token: it stops working at once, its sessions end.",
        "A used breakglass token is also given an unknown hash, ending the session its use opened."
      })
  static final class Disable extends SetEnabledCommand {
    Disable(CliEnvironment environment) {
      super(environment, false, TARGET);
    }
  }

  @Command(
      name = "enable",
      mixinStandardHelpOptions = true,
      description = "Enable a disabled token again.")
  static final class Enable extends SetEnabledCommand {
    Enable(CliEnvironment environment) {
      super(environment, true, TARGET);
    }
  }

  private static final SetEnabledCommand.Target TARGET =
      new SetEnabledCommand.Target(
          (files, id, enabled) -> files.adminTokens.setEnabled(id, enabled),
          EventType.TOKEN_ENABLED,
          EventType.TOKEN_DISABLED,
          EventField.TOKEN_ID,
          "Admin token");

  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = "Give a token a new value; prints it. The old value stops working at once.")
  static final class Rotate implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin DataRootOption root;

    @Parameters(index = "0", paramLabel = "ID", description = "Token id.")
    String id;

    Rotate(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      return Failures.run(
          environment,
          () -> {
            StateFiles files = StateFiles.open(environment, root.dataRoot);
            String value = files.adminTokens.rotate(id, null);
            files.events.record(
                EventType.TOKEN_ROTATION,
                null,
                Payload.of(EventField.TOKEN_ID, id).with(EventField.SOURCE, "cli"));
            environment.out().println(value);
            environment
                .err()
                .println(
                    "Rotated admin token '"
                        + id
                        + "'. Update your deployment secrets with the new value.");
            if (files.adminTokens.findById(id).map(AdminToken::spent).orElse(false)) {
              environment
                  .err()
                  .println(
                      "Note: '"
                          + id
                          + "' is a used breakglass token: its sessions ended, and it stays"
                          + " disabled, so the new value opens nothing. Create a new breakglass"
                          + " token if one is needed.");
            }
            return 0;
          });
    }
  }

  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      description = "Rewrite plaintext tokens (the original Semptify's files) as sha256 hashes.")
  static final class Migrate implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin DataRootOption root;

    Migrate(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      return Failures.run(
          environment,
          () -> {
            StateFiles files = StateFiles.open(environment, root.dataRoot);
            int count = files.adminTokens.migrate();
            if (count > 0) {
              files.events.record(
                  EventType.TOKENS_MIGRATED,
                  null,
                  Payload.of(EventField.COUNT, count).with(EventField.SOURCE, "cli"));
            }
            environment
                .err()
                .println(
                    count == 0
                        ? "Nothing to migrate: every token is stored as a hash."
                        : "Hashed " + count + " plaintext token(s).");
            return 0;
          });
    }
  }

  @Command(
      name = "revoke-all",
      mixinStandardHelpOptions = true,
      description = {
        "Incident response: every admin token gets a new value (printed once, as 'ID TOKEN' lines);",
        "breakglass and disabled tokens are disabled for good (no old value works again).",
        "All admin sessions end, breakglass sessions included."
      })
  static final class RevokeAll implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin DataRootOption root;

    RevokeAll(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      return Failures.run(
          environment,
          () -> {
            StateFiles files = StateFiles.open(environment, root.dataRoot);
            List<AdminTokenStore.Issued> issued = files.adminTokens.revokeAll();
            for (AdminTokenStore.Issued token : issued) {
              files.events.record(
                  EventType.TOKEN_ROTATION,
                  null,
                  Payload.of(EventField.TOKEN_ID, token.id()).with(EventField.SOURCE, "cli"));
              environment.out().println(token.id() + " " + token.value());
            }
            environment
                .err()
                .println(
                    "Rotated " + issued.size() + " admin token(s); every other token is disabled.");
            return 0;
          });
    }
  }

  @Command(
      name = "set-role",
      mixinStandardHelpOptions = true,
      description = {
        "Give a token another role: owner, operator or auditor. Takes effect at its next request,",
        "open sessions included. A breakglass token is always owner."
      })
  static final class SetRole implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin DataRootOption root;

    @Parameters(index = "0", paramLabel = "ID", description = "Token id.")
    String id;

    @Parameters(index = "1", paramLabel = "ROLE", description = "owner, operator or auditor.")
    String role;

    SetRole(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      return Failures.run(
          environment,
          () -> {
            AdminRole chosen = role(role);
            StateFiles files = StateFiles.open(environment, root.dataRoot);
            AdminRole before = files.adminTokens.setRole(id, chosen);
            files.events.record(
                EventType.TOKEN_ROLE_CHANGED,
                null,
                Payload.of(EventField.TOKEN_ID, id)
                    .with(EventField.ROLE, chosen.wireName())
                    .with(EventField.SOURCE, "cli"));
            environment
                .err()
                .println(
                    "Admin token '"
                        + id
                        + "' is now "
                        + chosen.wireName()
                        + " (was "
                        + before.wireName()
                        + ").");
            return 0;
          });
    }
  }

  static AdminRole role(String name) {
    return AdminRole.parse(name)
        .orElseThrow(() -> new IllegalArgumentException("a role is owner, operator or auditor"));
  }

  static String time(Long epochSeconds) {
    return epochSeconds == null || epochSeconds <= 0
        ? "-"
        : Instant.ofEpochSecond(epochSeconds).toString();
  }
}

package org.semptify.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.semptify.ops.EventField;
import org.semptify.ops.EventType;
import org.semptify.ops.Payload;
import org.semptify.store.UserAccount;
import org.semptify.store.s3.S3BlobStore;
import org.semptify.users.StorageUsage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code semptify user …}: list, disable, enable, expire accounts in security/users.json. */
public final class UserCommands {
  private UserCommands() {}

  public static CommandLine commandLine(CliEnvironment environment) {
    return new CommandLine(new Group())
        .addSubcommand(new ListUsers(environment))
        .addSubcommand(new Disable(environment))
        .addSubcommand(new Enable(environment))
        .addSubcommand(new Expire(environment))
        .addSubcommand(new Delete(environment));
  }

  @Command(
      name = "user",
      mixinStandardHelpOptions = true,
      description = {
        "Manage user accounts in security/users.json, or in the database with"
            + " SEMPTIFY_STORE=postgres (seed: token disablement).",
        "Safe while the server runs: a disabled or expired account's token stops working at once.",
        "With SEMPTIFY_STORE=postgres: the accounts in the database (users.json is not used)."
      })
  static final class Group extends GroupCommand {}

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List accounts: id, created, enabled, expiry, stored bytes.")
  static final class ListUsers implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin DataRootOption root;

    ListUsers(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      return Failures.run(
          environment,
          () -> {
            StateFiles files = StateFiles.open(environment, root.dataRoot);
            // Blobs in a bucket are counted there (SEMPTIFY_BLOB_STORE=s3), as the server does.
            S3BlobStore bucket = files.connectBucket();
            try (AutoCloseable closing = bucket == null ? () -> {} : bucket) {
              return list(files, bucket);
            }
          });
    }

    private int list(StateFiles files, S3BlobStore bucket) {
      StorageUsage usage = new StorageUsage(files.dataRoot.uploads(), files.blobs(bucket));
      long now = environment.clock().millis() / 1000;
      environment
          .out()
          .printf("%-26s %-20s %-8s %-20s %s%n", "ID", "CREATED", "ENABLED", "EXPIRES", "BYTES");
      for (UserAccount user : files.users.list()) {
        environment
            .out()
            .printf(
                "%-26s %-20s %-8s %-20s %d%n",
                user.id(),
                AdminTokenCommands.time(user.createdTs()),
                user.usable(now) ? "yes" : "no",
                AdminTokenCommands.time(user.expiresTs()),
                usage.bytesOf(user.id()));
      }
      return 0;
    }
  }

  private static final SetEnabledCommand.Target TARGET =
      new SetEnabledCommand.Target(
          (files, id, enabled) -> files.users.setEnabled(id, enabled),
          EventType.USER_ENABLED,
          EventType.USER_DISABLED,
          EventField.USER_ID,
          "User");

  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description = "Disable an account: its token stops opening anything.")
  static final class Disable extends SetEnabledCommand {
    Disable(CliEnvironment environment) {
      super(environment, false, TARGET);
    }
  }

  @Command(
      name = "enable",
      mixinStandardHelpOptions = true,
      description = "Enable a disabled account again.")
  static final class Enable extends SetEnabledCommand {
    Enable(CliEnvironment environment) {
      super(environment, true, TARGET);
    }
  }

  @Command(
      name = "expire",
      mixinStandardHelpOptions = true,
      description = "Set when an account's token stops working.")
  static final class Expire implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin DataRootOption root;

    @Parameters(index = "0", paramLabel = "ID", description = "User id.")
    String id;

    @Option(
        names = "--at",
        required = true,
        paramLabel = "ISO-8601",
        description =
            "Moment of expiry, e.g. 2027-01-31T00:00:00Z, 2027-01-31T00:00:00+01:00 or 2027-01-31 (midnight UTC).")
    String at;

    Expire(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      return Failures.run(
          environment,
          () -> {
            long expires = parse(at).getEpochSecond();
            StateFiles files = StateFiles.open(environment, root.dataRoot);
            files.users.setExpiry(id, expires);
            files.events.record(
                EventType.USER_EXPIRY_SET,
                null,
                Payload.of(EventField.USER_ID, id)
                    .with(EventField.EXPIRES_TS, expires)
                    .with(EventField.SOURCE, "cli"));
            environment
                .err()
                .println("User '" + id + "' expires at " + Instant.ofEpochSecond(expires) + ".");
            return 0;
          });
    }

    static Instant parse(String value) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException notOffset) {
        try {
          return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notDate) {
          throw new IllegalArgumentException(
              "--at must be an ISO-8601 date or date-time, e.g. 2027-01-31T00:00:00Z");
        }
      }
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = {
        "Delete an account and its vault for good, on the tenant's written request: the key"
            + " first (nothing is readable from then on), then files, records, share links and the"
            + " account. Cannot be undone.",
        "Safe while the server runs; an interrupted deletion is finished by running it again or"
            + " by the server's next start."
      })
  static final class Delete implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin DataRootOption root;

    @Parameters(index = "0", paramLabel = "ID", description = "User id (see 'user list').")
    String id;

    Delete(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      return Failures.run(
          environment,
          () -> {
            StateFiles files = StateFiles.open(environment, root.dataRoot);
            S3BlobStore bucket = files.connectBucket();
            try (AutoCloseable closing = bucket == null ? () -> {} : bucket) {
              files.vaultDeletion(files.blobs(bucket)).delete(id);
            }
            environment
                .err()
                .println("User '" + id + "' and their vault were deleted; this cannot be undone.");
            return 0;
          });
    }
  }
}

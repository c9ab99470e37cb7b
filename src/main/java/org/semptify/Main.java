package org.semptify;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.semptify.cli.AdminTokenCommands;
import org.semptify.cli.BackupCommands;
import org.semptify.cli.CliEnvironment;
import org.semptify.cli.EventsCommand;
import org.semptify.cli.HashTokenCommand;
import org.semptify.cli.ServeCommand;
import org.semptify.cli.StoreCommands;
import org.semptify.cli.UserCommands;
import org.semptify.cli.VerifyBundleCommand;
import org.semptify.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code semptify} command line. Without a subcommand it serves, like {@code semptify serve}.
 */
@Command(
    name = "semptify",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Semptify: a private evidence vault and tenancy documents for tenants and legal-aid workers.",
      "Without a command, starts the server (same as 'semptify serve').",
      "Configuration comes from the environment; see the README's configuration table."
    },
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
  private final CliEnvironment environment;

  private Main(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    return new ServeCommand(environment).call();
  }

  public static void main(String[] args) {
    System.exit(run(CliEnvironment.system(), args));
  }

  /**
   * Runs the command line; returns the exit code (0 ok, 1 failure, 2 usage or configuration error).
   */
  public static int run(CliEnvironment environment, String... args) {
    CommandLine cli =
        new CommandLine(new Main(environment))
            .addSubcommand(new ServeCommand(environment))
            .addSubcommand(AdminTokenCommands.commandLine(environment))
            .addSubcommand(new HashTokenCommand(environment))
            .addSubcommand(UserCommands.commandLine(environment))
            .addSubcommand(new VerifyBundleCommand(environment))
            .addSubcommand(new EventsCommand(environment))
            .addSubcommand(BackupCommands.commandLine(environment))
            .addSubcommand(StoreCommands.commandLine(environment));
    cli.setOut(
        new PrintWriter(
            new java.io.OutputStreamWriter(
                environment.out(), java.nio.charset.StandardCharsets.UTF_8),
            true));
    cli.setErr(
        new PrintWriter(
            new java.io.OutputStreamWriter(
                environment.err(), java.nio.charset.StandardCharsets.UTF_8),
            true));
    cli.setParameterExceptionHandler(Main::usageError);
    return cli.execute(args);
  }

  /** Usage errors: one line on stderr, exit 2. */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    String command = e.getCommandLine().getCommandSpec().qualifiedName();
    err.println(command + ": " + e.getMessage() + " (see '" + command + " --help')");
    err.flush();
    return 2;
  }
}

package org.semptify;

import java.io.PrintWriter;
import org.semptify.cli.ServeCommand;
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
    subcommands = {ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

  @Override
  public Integer call() {
    return new ServeCommand().call();
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line and returns the exit code (0 ok, 1 failure, 2 usage or configuration
   * error).
   */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setParameterExceptionHandler(Main::usageError);
    return cli;
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

package org.semptify.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.semptify.Main;
import org.semptify.cli.CliEnvironment;

/**
 * Runs {@code semptify} commands in-process against a data root, capturing output and exit code.
 */
public final class Cli {
  private Cli() {}

  public record Result(int exitCode, String stdout, String stderr) {}

  public static Result run(Path dataRoot, String... args) {
    return runWithInput(dataRoot, "", Clock.systemUTC(), args);
  }

  public static Result runWithInput(Path dataRoot, String stdin, Clock clock, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliEnvironment environment =
        new CliEnvironment(
            Map.of("SEMPTIFY_DATA_ROOT", dataRoot.toString()),
            dataRoot,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            clock);
    int code = Main.run(environment, args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Creates an admin token with the CLI and returns its value. */
  public static String createAdminToken(Path dataRoot, String... options) {
    String[] args = new String[options.length + 2];
    args[0] = "admin-token";
    args[1] = "create";
    System.arraycopy(options, 0, args, 2, options.length);
    Result result = run(dataRoot, args);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("admin-token create failed: " + result.stderr());
    }
    return result.stdout().strip();
  }

  /**
   * Runs a command with {@code env} added to the data root's (e.g. {@code SEMPTIFY_STORE=postgres}
   * and the database variables).
   */
  public static Result runWithEnv(Path dataRoot, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    java.util.Map<String, String> variables = new java.util.HashMap<>(env);
    variables.put("SEMPTIFY_DATA_ROOT", dataRoot.toString());
    CliEnvironment environment =
        new CliEnvironment(
            variables,
            dataRoot,
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Clock.systemUTC());
    int code = Main.run(environment, args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}

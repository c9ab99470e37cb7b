package org.semptify.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a command may touch of the outside world, passed in so tests can run commands in-process.
 */
public record CliEnvironment(
    Map<String, String> variables,
    Path workingDirectory,
    InputStream in,
    PrintStream out,
    PrintStream err,
    Clock clock) {

  public static CliEnvironment system() {
    return new CliEnvironment(
        System.getenv(),
        Path.of("").toAbsolutePath(),
        System.in,
        System.out,
        System.err,
        Clock.systemUTC());
  }
}

package org.semptify.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code semptify} in a child JVM, as a user would, with a chosen environment. */
public final class CliProcess {
  private CliProcess() {}

  public record Result(int exitCode, String stdout, String stderr) {}

  public static Process start(Path workingDirectory, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The collector bin/semptify and the Docker image use; C1 only, as these JVMs live for seconds
    // (about a third less start-up CPU on a 2-core machine).
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("org.semptify.Main");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("SEMPTIFY_") || name.equals("SECURITY_MODE"));
    builder.environment().putAll(env);
    return builder.start();
  }

  public static Result run(Path workingDirectory, Map<String, String> env, String... args)
      throws Exception {
    Process process = start(workingDirectory, env, args);
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("semptify " + String.join(" ", args) + " did not finish");
    }
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}

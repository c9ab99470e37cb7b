package org.semptify.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code logs/init.log}: human-readable start-up lines (version, mode, bind address, data root,
 * warnings). Each line also goes to standard error so an operator watching the console sees it.
 */
public final class StartupLog {
  private final Path file;
  private final Clock clock;

  public StartupLog(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  public void info(String message) {
    write("INFO", message);
  }

  public void warn(String message) {
    write("WARN", message);
  }

  private void write(String level, String message) {
    String line = Instant.now(clock) + " " + level + " " + message;
    System.err.println(line);
    try {
      Files.writeString(
          file,
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println(
          "WARN logs/init.log cannot be written (" + e.getClass().getSimpleName() + ")");
    }
  }
}

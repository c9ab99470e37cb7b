package org.semptify.ops;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code logs/init.log}: human-readable start-up lines (version, mode, bind address, data root,
 * warnings) and the stack traces of unhandled exceptions. Each entry also goes to standard error so
 * an operator watching the console sees it. Everything written is scrubbed of tokens and secrets
 * first; the file rotates like the other logs.
 */
public final class StartupLog {
  /** A stack trace longer than this (a deep recursion, say) is cut: the top frames tell. */
  private static final int MAX_TRACE_CHARS = 32 * 1024;

  private final RotatingFile file;
  private final Clock clock;
  private final SecretScrubber scrubber;

  public StartupLog(Path file, long maxBytes, int backups, Clock clock, SecretScrubber scrubber) {
    this.file = new RotatingFile(file, maxBytes, backups, false);
    this.clock = clock;
    this.scrubber = scrubber;
  }

  public void info(String message) {
    write("INFO", message);
  }

  public void warn(String message) {
    write("WARN", message);
  }

  /**
   * An exception nobody handled: its message and stack trace (with causes), scrubbed of tokens,
   * secrets and secret-named parameter values, for the operator and never for the client.
   */
  public void error(String message, Throwable error) {
    StringWriter trace = new StringWriter();
    try (PrintWriter out = new PrintWriter(trace)) {
      error.printStackTrace(out);
    }
    String text = trace.toString().stripTrailing();
    if (text.length() > MAX_TRACE_CHARS) {
      text = text.substring(0, MAX_TRACE_CHARS) + "\n\t... (trace cut)";
    }
    write("ERROR", message + "\n" + text);
  }

  private void write(String level, String message) {
    String line = Instant.now(clock) + " " + level + " " + scrubber.scrubText(message);
    System.err.println(line);
    try {
      file.append(line);
    } catch (IOException e) {
      System.err.println(
          "WARN logs/init.log cannot be written (" + e.getClass().getSimpleName() + ")");
    }
  }
}

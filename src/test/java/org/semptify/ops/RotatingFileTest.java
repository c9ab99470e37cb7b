package org.semptify.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server and the command line append to the same {@code events.log} from two processes; their
 * rotations must not overwrite each other's files or lose lines.
 */
class RotatingFileTest {
  private static final int LINES_PER_PROCESS = 1_500;
  private static final int BACKUPS = 500;
  private static final long MAX_BYTES = 2_048;

  @TempDir Path logs;

  /** A child process: appends {@code count} numbered lines tagged with {@code tag}. */
  public static final class Appender {
    public static void main(String[] args) throws Exception {
      RotatingFile file = new RotatingFile(Path.of(args[0]), MAX_BYTES, BACKUPS, false);
      String tag = args[1];
      System.out.println("ready");
      System.out.flush();
      System.in.read(); // start together with the other process
      for (int i = 0; i < LINES_PER_PROCESS; i++) {
        file.append(tag + " line " + i + " " + "x".repeat(40));
      }
    }
  }

  @Test
  void twoProcessesRotatingTheSameFileLoseNoLine() throws Exception {
    Path log = logs.resolve("events.log");
    List<Process> processes = new ArrayList<>();
    try {
      for (String tag : List.of("a", "b")) {
        Process process =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Appender.class.getName(),
                    log.toString(),
                    tag)
                .redirectError(logs.resolve(tag + ".err").toFile())
                .start();
        processes.add(process);
      }
      for (Process process : processes) {
        assertThat(new String(process.getInputStream().readNBytes(5))).isEqualTo("ready");
      }
      for (Process process : processes) {
        process.getOutputStream().write('\n');
        process.getOutputStream().flush();
      }
      for (Process process : processes) {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
      for (String tag : List.of("a", "b")) {
        assertThat(Files.readString(logs.resolve(tag + ".err"))).isEmpty();
      }
    } finally {
      processes.forEach(Process::destroyForcibly);
    }

    Set<String> seen = new HashSet<>();
    List<Path> files = new ArrayList<>(List.of(log));
    for (int i = 1; i <= BACKUPS; i++) {
      files.add(logs.resolve("events.log." + i));
    }
    for (Path file : files) {
      if (Files.exists(file)) {
        assertThat(Files.size(file)).isLessThanOrEqualTo(MAX_BYTES);
        for (String line : Files.readAllLines(file)) {
          assertThat(line).matches("[ab] line [0-9]+ x{40}");
          assertThat(seen.add(line)).as("duplicate %s", line).isTrue();
        }
      }
    }
    assertThat(seen).hasSize(2 * LINES_PER_PROCESS);
  }
}

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

  /**
   * A full disk cuts a line short; the file is cut back to its last whole line, so the next event
   * is not glued onto a fragment, and the failure shows until a line is written again. Needs a
   * small tmpfs, so it runs where the test may mount one (root, as in CI).
   */
  @Test
  void aLineThatDoesNotFitLeavesNoFragment() throws Exception {
    Path small = Files.createDirectory(logs.resolve("small"));
    Process mount =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", small.toString())
            .redirectErrorStream(true)
            .start();
    boolean mounted = mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0;
    org.junit.jupiter.api.Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (not root)");
    try {
      Path log = small.resolve("events.log");
      RotatingFile file = new RotatingFile(log, 1 << 20, 1, true);
      file.append("first whole line");
      // Fill the file system to within a few hundred bytes.
      Path filler = small.resolve("filler");
      try (var out = Files.newOutputStream(filler)) {
        byte[] block = new byte[1024];
        try {
          while (true) {
            out.write(block);
            out.flush();
          }
        } catch (java.io.IOException full) {
          // the disk is full now
        }
      }
      // Free one page: part of the next line fits, the rest does not.
      try (var channel =
          java.nio.channels.FileChannel.open(filler, java.nio.file.StandardOpenOption.WRITE)) {
        channel.truncate(channel.size() - 4096);
      }
      String tooLong = "x".repeat(8192);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> file.append(tooLong))
          .isInstanceOf(java.io.IOException.class);
      assertThat(Files.readString(log)).isEqualTo("first whole line\n");
      assertThat(file.lastWriteFailed()).isTrue();

      Files.delete(filler);
      file.append("after the disk was freed");
      assertThat(Files.readAllLines(log))
          .containsExactly("first whole line", "after the disk was freed");
      assertThat(file.lastWriteFailed()).isFalse();
    } finally {
      new ProcessBuilder("umount", small.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }
  }
}

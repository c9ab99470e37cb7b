package org.semptify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools/scan-secrets} as pre-commit runs it: several at once on a fresh clone. The scanner
 * is installed once, by one of them, and no scan starts on a half-installed one. A stand-in {@code
 * npm} (slow, and noting each call and any overlap) takes the real one's place.
 */
class ScanSecretsInstallTest {
  @TempDir Path root;

  private static final String FAKE_NPM =
      """
      #!/usr/bin/env bash
      # Stand-in for "npm ci": slow, counts its calls, notes two at once, installs a fake scanner
      # whose last step is the file the fake scanner checks for.
      set -eu
      log="$FAKE_LOG"
      echo ci >> "$log/calls"
      mkdir "$log/running" 2>/dev/null || echo overlap >> "$log/calls"
      rm -rf node_modules
      mkdir -p node_modules/.bin
      printf '#!/usr/bin/env bash\\n[[ -f node_modules/complete ]] || { echo half-installed >&2; exit 3; }\\n' \\
        > node_modules/.bin/secretlint
      chmod +x node_modules/.bin/secretlint
      sleep 0.4
      touch node_modules/complete
      rmdir "$log/running" 2>/dev/null || true
      """;

  private Path freshClone() throws IOException {
    Path repo = Files.createDirectories(root.resolve("repo"));
    Path tools = Files.createDirectories(repo.resolve("tools/secretlint"));
    Files.copy(Path.of("tools/scan-secrets"), repo.resolve("tools/scan-secrets"));
    Files.copy(Path.of("tools/secretlint/package-lock.json"), tools.resolve("package-lock.json"));
    Files.writeString(repo.resolve("README.md"), "just a readme\n");
    Path bin = Files.createDirectories(root.resolve("bin"));
    Files.writeString(bin.resolve("npm"), FAKE_NPM, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(bin.resolve("npm"), PosixFilePermissions.fromString("rwx------"));
    Files.createDirectories(root.resolve("log"));
    return repo;
  }

  private List<Integer> scanAtOnce(Path repo, int count) throws Exception {
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ProcessBuilder builder =
          new ProcessBuilder(
                  repo.resolve("tools/scan-secrets").toString(),
                  repo.resolve("README.md").toString())
              .redirectErrorStream(true)
              .redirectOutput(root.resolve("log/scan-" + i + ".txt").toFile());
      builder.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
      builder.environment().put("FAKE_LOG", root.resolve("log").toString());
      processes.add(builder.start());
    }
    List<Integer> exits = new ArrayList<>();
    for (Process process : processes) {
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      exits.add(process.exitValue());
    }
    return exits;
  }

  private List<String> npmCalls() throws IOException {
    Path calls = root.resolve("log/calls");
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  @Test
  void fourScansAtOnceOnAFreshCloneInstallTheScannerOnceAndAllPass() throws Exception {
    Path repo = freshClone();
    assertThat(scanAtOnce(repo, 4)).containsOnly(0);
    assertThat(npmCalls()).containsExactly("ci");

    assertThat(scanAtOnce(repo, 2)).containsOnly(0);
    assertThat(npmCalls()).as("installed: no second install").containsExactly("ci");

    Files.writeString(repo.resolve("tools/secretlint/package-lock.json"), "{\"changed\": true}\n");
    assertThat(scanAtOnce(repo, 3)).containsOnly(0);
    assertThat(npmCalls())
        .as("a changed lockfile installs again, once")
        .containsExactly("ci", "ci");
  }
}

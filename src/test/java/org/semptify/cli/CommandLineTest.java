package org.semptify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Cli;
import org.semptify.testing.CliProcess;

/**
 * The command line as a user meets it: exit codes, help texts, one-line errors, SIGTERM. The
 * launcher's exit codes and signals are proven in child JVMs; texts that only need {@code Main.run}
 * are read in-process (a child JVM costs about half a second).
 */
class CommandLineTest {
  @TempDir Path root;

  @Test
  void helpListsTheCommands() throws Exception {
    CliProcess.Result result = CliProcess.run(root, Map.of(), "--help");
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("Usage: semptify").contains("serve").contains("--version");
  }

  @Test
  void everySubcommandHasHelp() throws Exception {
    Cli.Result result = Cli.run(root, "serve", "--help");
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("Usage: semptify serve").contains("SIGTERM");
  }

  @Test
  void versionPrintsTheBuildStamp() throws Exception {
    Cli.Result result = Cli.run(root, "--version");
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).startsWith("semptify ").contains("git ");
  }

  @Test
  void usageErrorsExit2WithOneLine() throws Exception {
    CliProcess.Result unknownOption = CliProcess.run(root, Map.of(), "--frobnicate");
    assertThat(unknownOption.exitCode()).isEqualTo(2);
    assertThat(unknownOption.stderr().strip().lines()).hasSize(1);
    assertThat(unknownOption.stderr()).contains("--frobnicate").contains("--help");

    CliProcess.Result unknownCommand = CliProcess.run(root, Map.of(), "frobnicate");
    assertThat(unknownCommand.exitCode()).isEqualTo(2);
    assertThat(unknownCommand.stderr().strip().lines()).hasSize(1);
  }

  @Test
  void badConfigurationExits2NamingTheVariable() throws Exception {
    CliProcess.Result result =
        CliProcess.run(
            root, Map.of("SEMPTIFY_DATA_ROOT", root.toString(), "SECURITY_MODE", "lax"), "serve");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("SECURITY_MODE").contains("enforced").contains("open");

    CliProcess.Result port =
        CliProcess.run(
            root, Map.of("SEMPTIFY_DATA_ROOT", root.toString(), "SEMPTIFY_PORT", "http"));
    assertThat(port.exitCode()).isEqualTo(2);
    assertThat(port.stderr()).contains("SEMPTIFY_PORT");
  }

  @Test
  void servesOnAFreePortAndStopsGracefullyOnSigterm() throws Exception {
    Process process =
        CliProcess.start(
            root, Map.of("SEMPTIFY_DATA_ROOT", root.toString(), "SEMPTIFY_PORT", "0"), "serve");
    try {
      BufferedReader stdout =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = stdout.readLine();
      assertThat(line).startsWith("Semptify listening on port ");
      int port = Integer.parseInt(line.substring("Semptify listening on port ".length()).strip());
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.body()).isEqualTo("OK");
    } finally {
      process.destroy(); // SIGTERM
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.readString(root.resolve("logs/events.log")))
        .contains("server_started")
        .contains("server_stopped");
    assertThat(Files.readString(root.resolve("logs/init.log"))).contains("stopped");
  }
}

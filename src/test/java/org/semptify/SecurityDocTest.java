package org.semptify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.ops.EventType;
import org.semptify.testing.Cli;

/** SECURITY.md and the README name only things that exist. */
class SecurityDocTest {
  @TempDir Path root;

  @Test
  void theEventsTableIsExactlyTheCatalogue() throws Exception {
    String doc = Files.readString(Path.of("SECURITY.md"));
    Set<String> documented = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| ").matcher(doc);
    while (row.find()) {
      documented.add(row.group(1));
    }
    documented.removeIf(name -> name.endsWith("_total") || name.equals("uptime_seconds"));
    Set<String> catalogue =
        Arrays.stream(EventType.values())
            .map(EventType::wireName)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(documented).isEqualTo(catalogue);
  }

  @Test
  void everyCommandNamedInTheDocsAnswersHelp() throws Exception {
    Set<String> commands = new TreeSet<>();
    for (String file : new String[] {"SECURITY.md", "README.md"}) {
      Matcher command =
          Pattern.compile("(?:bin/)?semptify ((?:[a-z][a-z-]+ ?){1,2})")
              .matcher(Files.readString(Path.of(file)));
      while (command.find()) {
        commands.add(command.group(1).strip());
      }
    }
    commands.removeIf(c -> c.startsWith("serve") || c.equals("vault") || c.startsWith("listening"));
    assertThat(commands)
        .contains(
            "admin-token create", "admin-token rotate", "events", "verify-bundle", "hash-token");
    for (String command : commands) {
      String[] words = (command + " --help").split(" ");
      if (words.length == 3 && !Set.of("admin-token", "user").contains(words[0])) {
        words =
            new String[] {
              words[0], "--help"
            }; // "events --event" style: the second word is an option value
      }
      Cli.Result result = Cli.run(root, words);
      assertThat(result.exitCode())
          .as("semptify " + String.join(" ", words) + ": " + result.stderr())
          .isZero();
    }
  }

  @Test
  void everyEndpointNamedInTheDocsIsRoutedAndAnswers() throws Exception {
    // Every route table: app/Routes.java and each feature's web/*Routes.java.
    StringBuilder routesSource = new StringBuilder();
    try (java.util.stream.Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source :
          sources.filter(p -> p.getFileName().toString().endsWith("Routes.java")).toList()) {
        routesSource.append(Files.readString(source));
      }
    }
    assertThat(routesSource).contains("class Routes", "class RecordRoutes");
    Set<String> routed = new TreeSet<>();
    Matcher route =
        Pattern.compile("routes\\.(?:get|post|delete)\\(\\s*\"([^\"]+)\"").matcher(routesSource);
    while (route.find()) {
      routed.add(route.group(1).replaceAll("\\{[^}]+}", "{}"));
    }
    Set<String> documented = new TreeSet<>();
    for (String file : new String[] {"SECURITY.md", "README.md"}) {
      Matcher path =
          Pattern.compile(
                  "(?:`|GET |POST |DELETE )(/(?:[a-z_.-]+|\\{[a-z]+})(?:/(?:[a-z_.-]+|\\{[a-z]+}))*)")
              .matcher(Files.readString(Path.of(file)));
      while (path.find()) {
        documented.add(path.group(1));
      }
    }
    documented.removeIf(
        p -> p.startsWith("/var/") || p.startsWith("/opt/") || p.startsWith("/usr/"));
    assertThat(documented)
        .contains(
            "/admin", "/admin/status", "/readyz", "/metrics", "/vault/export", "/rotate_token");
    try (org.semptify.testing.TestServer server = org.semptify.testing.TestServer.start(root)) {
      for (String path : documented) {
        String template = path.replaceAll("\\{[^}]+}", "{}");
        assertThat(routed).as(path + " is documented but not routed").contains(template);
        if (!path.contains("{")) {
          int status = server.get(path).statusCode();
          assertThat(status).as(path).isNotEqualTo(404).isLessThan(500);
        }
      }
    }
  }

  @Test
  void theSeedsHelperScriptExists() {
    assertThat(Path.of("tools/create_admin_token")).isExecutable();
    assertThat(Path.of("bin/semptify")).isExecutable();
  }
}

package org.semptify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: SECURITY.md's checklist carries the seed's ten items, each pointing at something that
 * exists (a file of the repository or a class of the code).
 */
class SecurityChecklistTest {
  @Test
  void theChecklistHasTheSeedsTenItemsEachPointingAtWhatEnforcesIt() throws Exception {
    String doc = Files.readString(Path.of("SECURITY.md"));
    String checklist =
        doc.substring(doc.indexOf("## 8. Checklist"), doc.indexOf("## 9. Threat model"));
    Matcher item =
        Pattern.compile("(?ms)^(\\d+)\\. \\[ \\] (.*?)(?=^\\d+\\. \\[ \\]|^\\S|\\z)")
            .matcher(checklist);
    List<String> items = new ArrayList<>();
    while (item.find()) {
      assertThat(Integer.parseInt(item.group(1))).isEqualTo(items.size() + 1);
      items.add(item.group(2));
    }
    assertThat(items).hasSize(10);
    String ignored = Files.readString(Path.of(".gitignore"));
    List<String> seedWords =
        List.of(
            "Never commit secrets",
            "render.env.example",
            "secrets panel",
            "quarterly",
            "breakglass flow in staging",
            "Monitor `/metrics`",
            "CSRF",
            "strong, random tokens",
            "token rotation steps",
            "pre-commit configuration and CI");
    for (int i = 0; i < 10; i++) {
      String text = items.get(i);
      assertThat(text).as("item " + (i + 1)).contains(seedWords.get(i)).contains(" —");
      String enforcedBy = text.substring(text.indexOf(" —"));
      Matcher code = Pattern.compile("`([^`]+)`").matcher(enforcedBy);
      int pointers = 0;
      while (code.find()) {
        String name = code.group(1);
        if (name.matches("[A-Z][A-Za-z]+")) {
          assertThat(classExists(name)).as(name + " exists").isTrue();
          pointers++;
        } else if (name.matches("[.a-z][\\w./-]*") && name.contains("/") || name.startsWith(".")) {
          boolean exists = Files.exists(Path.of(name.replaceAll("/$", "")));
          assertThat(exists || ignored.contains(name.replaceAll("^.*/", "")))
              .as(name + " exists, or git ignores it")
              .isTrue();
          pointers++;
        } else {
          pointers++; // a command, route, variable or event name (SecurityDocTest checks those)
        }
      }
      assertThat(pointers).as("item " + (i + 1) + " points at what enforces it").isPositive();
    }
  }

  private static boolean classExists(String simpleName) throws Exception {
    try (Stream<Path> sources =
        Stream.concat(Files.walk(Path.of("src/main/java")), Files.walk(Path.of("src/test/java")))) {
      return sources.anyMatch(p -> p.getFileName().toString().equals(simpleName + ".java"));
    }
  }
}

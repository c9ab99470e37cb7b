package org.semptify.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every variable the code reads is in render.env.example and the README table, and nothing else is.
 */
class DocumentedVariablesTest {
  private static final Set<String> CODE = new TreeSet<>(SettingsLoader.VARIABLES);

  @Test
  void renderEnvExampleListsExactlyTheVariablesTheCodeReads() throws Exception {
    Set<String> example = new TreeSet<>();
    for (String line : Files.readAllLines(Path.of("security/render.env.example"))) {
      Matcher matcher = Pattern.compile("^([A-Z][A-Z0-9_]+)=").matcher(line);
      if (matcher.find()) {
        example.add(matcher.group(1));
      }
    }
    assertThat(example).isEqualTo(CODE);
  }

  @Test
  void theReadmeConfigurationTableListsExactlyTheVariablesTheCodeReads() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String table =
        readme.substring(readme.indexOf("## Configuration"), readme.indexOf("## Where data lives"));
    Set<String> documented = new TreeSet<>();
    Matcher matcher = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]+)` \\|").matcher(table);
    while (matcher.find()) {
      documented.add(matcher.group(1));
    }
    assertThat(documented).isEqualTo(CODE);
  }

  @Test
  void theExampleHoldsNoRealLookingSecrets() throws Exception {
    String example = Files.readString(Path.of("security/render.env.example"));
    assertThat(example)
        .doesNotContainPattern("smp[aus]_[0-9A-Za-z]{20,}")
        .doesNotContain("PRIVATE KEY");
    for (String secret : new String[] {"SEMPTIFY_SECRET", "FLASK_SECRET", "ADMIN_TOKEN"}) {
      assertThat(example).containsPattern("(?m)^" + secret + "=$");
    }
  }
}

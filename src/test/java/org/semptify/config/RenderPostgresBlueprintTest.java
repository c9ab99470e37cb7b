package org.semptify.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** render-postgres.yaml: several instances on a managed database, secrets left to the dashboard. */
class RenderPostgresBlueprintTest {
  @Test
  void theBlueprintRunsSeveralInstancesOnTheManagedDatabase() throws Exception {
    String blueprint = Files.readString(Path.of("render-postgres.yaml"));
    assertThat(blueprint)
        .contains("databases:")
        .containsPattern("numInstances: [2-9]")
        .containsPattern("- key: SEMPTIFY_STORE\\s+value: postgres")
        .containsPattern(
            "- key: SEMPTIFY_DATABASE_URL\\s+fromDatabase:\\s+name: semptify-db\\s+property:"
                + " connectionString")
        .containsPattern("- key: SEMPTIFY_SECRET\\s+sync: false")
        .doesNotContain("disk:"); // several instances cannot share one disk
    for (String line : blueprint.split("\n")) {
      if (line.strip().startsWith("- key: ")) {
        String name = line.strip().substring("- key: ".length());
        assertThat(SettingsLoader.VARIABLES).as("a variable the code reads").contains(name);
      }
    }
  }
}

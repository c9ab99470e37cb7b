package org.semptify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark harness lives in {@code bench/java}, apart from the tests ({@code mvn verify}
 * neither compiles nor runs it; {@code bench/run} compiles it). It still compiles against the code
 * and test helpers it uses, so a change elsewhere cannot leave {@code bench/run} broken unnoticed.
 */
class BenchSourcesCompileTest {
  @TempDir Path out;

  @Test
  void theHarnessLivesInBenchJavaAndCompilesAgainstTheCurrentCode() throws Exception {
    assertThat(Path.of("src/test/java/org/semptify/bench")).doesNotExist();
    List<String> sources;
    try (Stream<Path> files = Files.walk(Path.of("bench/java"))) {
      sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
    }
    assertThat(sources).anyMatch(f -> f.endsWith("org/semptify/bench/Bench.java"));

    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      boolean compiled =
          javac
              .getTask(
                  diagnostics,
                  files,
                  null,
                  List.of(
                      "--release",
                      "17",
                      "-nowarn",
                      "-proc:none",
                      "-d",
                      out.toString(),
                      "-cp",
                      classpath),
                  null,
                  files.getJavaFileObjectsFromStrings(sources))
              .call();
      assertThat(compiled).as(diagnostics.toString()).isTrue();
    }
    assertThat(out.resolve("org/semptify/bench/Bench.class")).exists();
  }
}

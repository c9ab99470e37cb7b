package org.semptify.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/**
 * A program or file from outside the build that a test needs (Chromium, promtool, axe-core). Where
 * one is missing, every test it guards is reported as skipped, naming what is missing and how to
 * get it. The check runs before each test, never in {@code @BeforeAll}: an assumption there aborts
 * the class before a parameterized test has any invocation, and Surefire then reports "Tests run:
 * 0" instead of a skip.
 *
 * <p>The configuration parameter {@value #HIDE_ALL} ({@code true}) makes every tool count as
 * missing, so a test can check how a class reports itself on a machine without them.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(RequiresTool.All.class)
@ExtendWith(RequiresTool.Check.class)
public @interface RequiresTool {
  /** JUnit configuration parameter: {@code true} makes every required tool count as missing. */
  String HIDE_ALL = "semptify.tools.hide-all";

  /** The path of the program (executable) or file (readable), relative to the project if so. */
  String value();

  /** How to get it, shown in the skip message. */
  String install();

  /** Whether the path must be executable (a program) rather than only readable (a file). */
  boolean executable() default true;

  /** The container of several {@link RequiresTool}s. */
  @Target({ElementType.TYPE, ElementType.METHOD})
  @Retention(RetentionPolicy.RUNTIME)
  @ExtendWith(RequiresTool.Check.class)
  @interface All {
    RequiresTool[] value();
  }

  /** Skips the test when a required tool is missing. */
  final class Check implements BeforeEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
      boolean hideAll =
          context.getConfigurationParameter(HIDE_ALL).map(Boolean::parseBoolean).orElse(false);
      List<RequiresTool> required = new ArrayList<>();
      context
          .getTestMethod()
          .ifPresent(
              m ->
                  required.addAll(
                      AnnotationSupport.findRepeatableAnnotations(m, RequiresTool.class)));
      for (Optional<Class<?>> type = context.getTestClass();
          type.isPresent();
          type = Optional.ofNullable(type.get().getEnclosingClass())) {
        required.addAll(
            AnnotationSupport.findRepeatableAnnotations(type.get(), RequiresTool.class));
      }
      List<String> missing = new ArrayList<>();
      for (RequiresTool tool : required) {
        Path path = Path.of(tool.value());
        boolean present = tool.executable() ? Files.isExecutable(path) : Files.isReadable(path);
        if (hideAll || !present) {
          missing.add(tool.value() + " is missing (" + tool.install() + ")");
        }
      }
      if (!missing.isEmpty()) {
        throw new TestAbortedException("skipped: " + String.join("; ", missing));
      }
    }
  }
}

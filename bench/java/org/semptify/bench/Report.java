package org.semptify.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects figures, prints them as a table as they come, and writes them as JSON at the end. */
final class Report {
  private final List<Figure> figures = new ArrayList<>();
  private final Map<String, Object> machine = new LinkedHashMap<>();

  Report() {
    machine.put(
        "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("cores", Runtime.getRuntime().availableProcessors());
  }

  void note(String key, Object value) {
    machine.put(key, value);
  }

  void add(Figure figure) {
    figures.add(figure);
    System.out.println(row(figure));
    System.out.flush();
  }

  static String header() {
    return String.format(
        Locale.ROOT,
        "%-58s %14s %-8s %14s %7s  %-32s %-7s %s",
        "scenario",
        "figure",
        "unit",
        "ceiling",
        "ratio",
        "goal",
        "status",
        "ceiling is");
  }

  private static String row(Figure f) {
    return String.format(
        Locale.ROOT,
        "%-58s %14.2f %-8s %14s %7s  %-32s %-7s %s",
        f.scenario(),
        f.value(),
        f.unit(),
        Double.isNaN(f.ceiling()) ? "-" : String.format(Locale.ROOT, "%.2f", f.ceiling()),
        Double.isNaN(f.ratio()) ? "-" : String.format(Locale.ROOT, "%.2f", f.ratio()),
        f.goal() == null ? "-" : f.goal().text(),
        f.status(),
        f.ceilingLabel());
  }

  /** The figures that have a goal, each with met or missed: the table, in one place. */
  void printGoals() {
    System.out.println("\ngoals (" + figures.stream().filter(f -> f.goal() != null).count() + "):");
    for (Figure f : figures) {
      if (f.goal() != null) {
        System.out.println(
            String.format(
                Locale.ROOT,
                "  %-7s %-58s %12.2f %-6s goal %s",
                f.status(),
                f.scenario(),
                f.value(),
                f.unit(),
                f.goal().text()));
      }
    }
  }

  void write(Path file) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Figure f : figures) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("scenario", f.scenario());
      row.put("figure", f.value());
      row.put("unit", f.unit());
      row.put("ceiling", Double.isNaN(f.ceiling()) ? null : f.ceiling());
      row.put("ratio", Double.isNaN(f.ratio()) ? null : f.ratio());
      row.put("ceiling_is", f.ceilingLabel());
      row.put("goal", f.goal() == null ? null : f.goal().text());
      row.put("status", f.status().isEmpty() ? null : f.status());
      rows.add(row);
    }
    Files.createDirectories(file.getParent());
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), Map.of("machine", machine, "results", rows));
  }
}

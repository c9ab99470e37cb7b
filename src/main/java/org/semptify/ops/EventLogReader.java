package org.semptify.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads {@code logs/events.log} and its rotated files ({@code events.log.1} …), oldest first, for
 * the admin page and the {@code semptify events} command. Lines that do not parse are skipped.
 */
public final class EventLogReader implements EventSource {
  private final Path log;
  private final ObjectMapper json;

  public EventLogReader(Path log, ObjectMapper json) {
    this.log = log;
    this.json = json;
  }

  /** The last {@code limit} events matching {@code filter}, oldest first. */
  @Override
  public List<JsonNode> recent(int limit, Predicate<JsonNode> filter) {
    Deque<JsonNode> kept = new ArrayDeque<>(limit);
    List<Path> newestFirst = files();
    // Walk files newest first; within a file keep the last matches; stop once enough are found.
    for (Path file : newestFirst) {
      List<JsonNode> matches = new ArrayList<>();
      forEachLine(
          file,
          (node, line) -> {
            if (filter.test(node)) {
              matches.add(node);
            }
          });
      for (int i = matches.size() - 1; i >= 0 && kept.size() < limit; i--) {
        kept.addFirst(matches.get(i));
      }
      if (kept.size() >= limit) {
        break;
      }
    }
    return List.copyOf(kept);
  }

  /**
   * The events matching {@code filter}, newest first, after skipping the {@code skip} newest of
   * them: at most {@code limit}.
   */
  @Override
  public Page newestFirst(int skip, int limit, Predicate<JsonNode> filter) {
    List<JsonNode> kept = new ArrayList<>(limit);
    int[] skipped = {0};
    boolean more = false;
    for (Path file : files()) {
      List<JsonNode> matches = new ArrayList<>();
      forEachLine(
          file,
          (node, line) -> {
            if (filter.test(node)) {
              matches.add(node);
            }
          });
      for (int i = matches.size() - 1; i >= 0; i--) {
        if (skipped[0] < skip) {
          skipped[0]++;
        } else if (kept.size() < limit) {
          kept.add(matches.get(i));
        } else {
          more = true;
          break;
        }
      }
      if (more) {
        break;
      }
    }
    return new Page(List.copyOf(kept), more);
  }

  /** Every event matching {@code filter}, oldest first. */
  @Override
  public void forEach(Predicate<JsonNode> filter, java.util.function.Consumer<JsonNode> action) {
    forEachStored(filter, (node, line) -> action.accept(node));
  }

  /**
   * Every event matching {@code filter}, oldest first, as the line stored on disk: printed as is,
   * numbers such as {@code ts} keep the exact form they were written in.
   */
  @Override
  public void forEachStoredLine(
      Predicate<JsonNode> filter, java.util.function.Consumer<String> action) {
    forEachStored(filter, (node, line) -> action.accept(line));
  }

  private void forEachStored(
      Predicate<JsonNode> filter, java.util.function.BiConsumer<JsonNode, String> action) {
    List<Path> oldestFirst = new ArrayList<>(files());
    Collections.reverse(oldestFirst);
    for (Path file : oldestFirst) {
      forEachLine(
          file,
          (node, line) -> {
            if (filter.test(node)) {
              action.accept(node, line);
            }
          });
    }
  }

  private List<Path> files() {
    List<Path> files = new ArrayList<>();
    if (Files.isRegularFile(log)) {
      files.add(log);
    }
    for (int i = 1; ; i++) {
      Path rotated = log.resolveSibling(org.semptify.files.AtomicFiles.nameOf(log) + "." + i);
      if (!Files.isRegularFile(rotated)) {
        break;
      }
      files.add(rotated);
    }
    return files;
  }

  private void forEachLine(Path file, java.util.function.BiConsumer<JsonNode, String> action) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        try {
          action.accept(json.readTree(line), line);
        } catch (IOException e) {
          // A torn or foreign line: skip it, keep reading.
        }
      }
    } catch (IOException e) {
      // A rotated file vanished while reading: what was read stands.
    }
  }
}

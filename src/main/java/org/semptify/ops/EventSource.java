package org.semptify.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Where stored audit events are read back, oldest first, for the admin page and {@code semptify
 * events}: {@code logs/events.log} and its rotated files ({@link EventLogReader}), or the database.
 * Each event reads as the JSON object {@code {"ts", "event", "request_id", "payload"}}.
 */
public interface EventSource {
  /** The last {@code limit} events matching {@code filter}, oldest first. */
  List<JsonNode> recent(int limit, Predicate<JsonNode> filter);

  /** Every event matching {@code filter}, oldest first. */
  void forEach(Predicate<JsonNode> filter, Consumer<JsonNode> action);

  /**
   * Every event matching {@code filter}, oldest first, as one JSON line each (numbers such as
   * {@code ts} in the exact form they were stored in).
   */
  void forEachStoredLine(Predicate<JsonNode> filter, Consumer<String> action);

  /** One page of the events matching a filter, newest first, and whether more follow. */
  record Page(List<JsonNode> events, boolean more) {}

  /**
   * The events matching {@code filter}, newest first, after skipping the {@code skip} newest of
   * them: at most {@code limit}.
   */
  Page newestFirst(int skip, int limit, Predicate<JsonNode> filter);
}

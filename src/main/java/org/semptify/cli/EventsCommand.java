package org.semptify.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.semptify.config.Settings;
import org.semptify.config.SettingsLoader;
import org.semptify.json.JsonMapping;
import org.semptify.ops.EventLogReader;
import org.semptify.ops.EventSource;
import org.semptify.store.DataRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code semptify events}: the incident-review filter over logs/events.log and its rotated files.
 */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = {
      "Print security events from logs/events.log (and events.log.1 …), oldest first, as JSON lines.",
      "With SEMPTIFY_STORE=postgres: from the database's events table (every node's events).",
      "Example: semptify events --event breakglass_used --since 2026-11-01T00:00:00Z"
    })
public final class EventsCommand implements Callable<Integer> {
  private final CliEnvironment environment;

  @Mixin DataRootOption root;

  @Option(
      names = "--event",
      paramLabel = "NAME",
      description = "Only this event name, e.g. rate_limited.")
  String event;

  @Option(
      names = "--since",
      paramLabel = "ISO-8601",
      description = "Only events at or after this instant.")
  String since;

  @Option(
      names = "--until",
      paramLabel = "ISO-8601",
      description = "Only events before this instant.")
  String until;

  @Option(
      names = "--token-id",
      paramLabel = "ID",
      description = "Only events naming this admin token id.")
  String tokenId;

  @Option(
      names = "--ip",
      paramLabel = "ADDRESS",
      description = "Only events from this client address.")
  String ip;

  @Option(names = "--request-id", paramLabel = "ID", description = "Only events of this request.")
  String requestId;

  public EventsCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    return Failures.run(
        environment,
        () -> {
          Settings settings =
              SettingsLoader.load(environment.variables(), environment.workingDirectory());
          Path dataRoot = root.dataRoot != null ? root.dataRoot : settings.dataRoot();
          Predicate<JsonNode> filter = filter();
          EventSource events =
              settings.store().postgres()
                  ? StateFiles.storage(settings, new DataRoot(dataRoot)).eventSource()
                  : new EventLogReader(new DataRoot(dataRoot).eventsLog(), JsonMapping.mapper());
          events.forEachStoredLine(filter, line -> environment.out().println(line));
          return 0;
        });
  }

  private Predicate<JsonNode> filter() {
    double from = seconds(since, "--since", Double.NEGATIVE_INFINITY);
    double to = seconds(until, "--until", Double.POSITIVE_INFINITY);
    return node ->
        (event == null || event.equals(node.path("event").asText()))
            && node.path("ts").asDouble() >= from
            && node.path("ts").asDouble() < to
            && (tokenId == null
                || tokenId.equals(node.path("payload").path("token_id").asText(null))
                || tokenId.equals(node.path("payload").path("actor_token_id").asText(null)))
            && (ip == null || ip.equals(node.path("payload").path("ip").asText(null)))
            && (requestId == null || requestId.equals(node.path("request_id").asText(null)));
  }

  private static double seconds(String value, String option, double fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Instant.parse(value).toEpochMilli() / 1000.0;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " must be an instant like 2026-11-01T00:00:00Z");
    }
  }
}

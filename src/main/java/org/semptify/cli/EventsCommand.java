package org.semptify.cli;

import java.util.concurrent.Callable;
import org.semptify.admin.IncidentNotes;
import org.semptify.config.Settings;
import org.semptify.config.SettingsLoader;
import org.semptify.json.JsonMapping;
import org.semptify.ops.EventFilter;
import org.semptify.ops.EventLogReader;
import org.semptify.ops.EventSource;
import org.semptify.ops.EventWords;
import org.semptify.store.DataRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code semptify events}: the incident-review filter over logs/events.log and its rotated files.
 */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = {
      "Print security events from logs/events.log (and events.log.1 …), oldest first, as JSON lines",
      "exactly as stored (or a readable table with --format text).",
      "With SEMPTIFY_STORE=postgres: from the database's events table (every node's events).",
      "Example: semptify events --event breakglass_used --since 2026-11-01T00:00:00Z",
      "         semptify events note \"TEXT\" [--id INCIDENT]: add an incident note."
    })
public final class EventsCommand implements Callable<Integer> {
  private static final String TEXT_ROW = "%-24s %-26s %-36s %s%n";

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

  @Option(
      names = "--format",
      paramLabel = "json|text",
      description = {
        "json (default): each event exactly as stored, one line each.",
        "text: a readable table (time, event, request id, details)."
      })
  String format = "json";

  public EventsCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    return Failures.run(
        environment,
        () -> {
          if (!format.equals("json") && !format.equals("text")) {
            throw new IllegalArgumentException("--format must be json or text");
          }
          EventFilter filter = new EventFilter(event, since, until, tokenId, ip, requestId);
          Settings settings =
              SettingsLoader.load(environment.variables(), environment.workingDirectory());
          DataRoot dataRoot =
              new DataRoot(root.dataRoot != null ? root.dataRoot : settings.dataRoot());
          EventSource events =
              settings.store().postgres()
                  ? StateFiles.storage(settings, dataRoot).eventSource()
                  : new EventLogReader(dataRoot.eventsLog(), JsonMapping.mapper());
          if (format.equals("json")) {
            events.forEachStoredLine(filter, line -> environment.out().println(line));
            return 0;
          }
          environment.out().printf(TEXT_ROW, "TIME", "EVENT", "REQUEST ID", "DETAILS");
          events.forEach(
              filter,
              node ->
                  environment
                      .out()
                      .printf(
                          TEXT_ROW,
                          EventWords.time(node),
                          EventWords.name(node),
                          EventWords.requestId(node).isEmpty() ? "-" : EventWords.requestId(node),
                          EventWords.detailsLine(node)));
          return 0;
        });
  }

  @Command(
      name = "note",
      mixinStandardHelpOptions = true,
      description = {
        "Incident response: append an incident_note event (source cli) to logs/events.log.",
        "The text is one line of at most "
            + IncidentNotes.MAX_TEXT
            + " characters; secrets in it are redacted.",
        "Example: semptify events note \"rotated all admin tokens\" --id INC-7"
      })
  int note(
      @Mixin DataRootOption noteRoot,
      @Parameters(index = "0", paramLabel = "TEXT", description = "What was seen or done.")
          String text,
      @Option(
              names = "--id",
              paramLabel = "INCIDENT",
              description = "The incident this note belongs to (letters, digits, . _ -).")
          String incident) {
    return Failures.run(
        environment,
        () -> {
          StateFiles files = StateFiles.open(environment, noteRoot.dataRoot);
          IncidentNotes.record(files.events, null, text, incident, null, "cli");
          environment
              .err()
              .println(
                  "Noted in the events log"
                      + (incident == null ? "." : " under incident '" + incident + "'."));
          return 0;
        });
  }
}

package org.semptify.cli;

import java.util.concurrent.Callable;
import org.semptify.ops.EventField;
import org.semptify.ops.EventType;
import org.semptify.ops.Payload;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code disable ID} / {@code enable ID} for admin tokens and for users: change the entry, write
 * the event, say what happened. Subclasses only name the command and choose the target.
 */
abstract class SetEnabledCommand implements Callable<Integer> {
  /** What is being switched on or off: how to change it, and how to report it. */
  interface Change {
    void apply(StateFiles files, String id, boolean enabled);
  }

  /**
   * @param onEvent the event when enabling, {@code offEvent} when disabling
   * @param noun how messages name it, e.g. "Admin token"
   */
  record Target(
      Change change, EventType onEvent, EventType offEvent, EventField idField, String noun) {}

  private final CliEnvironment environment;
  private final boolean enabled;
  private final Target target;

  @Mixin DataRootOption root;

  @Parameters(index = "0", paramLabel = "ID", description = "The id (see the 'list' command).")
  String id;

  SetEnabledCommand(CliEnvironment environment, boolean enabled, Target target) {
    this.environment = environment;
    this.enabled = enabled;
    this.target = target;
  }

  @Override
  public Integer call() {
    return Failures.run(
        environment,
        () -> {
          StateFiles files = StateFiles.open(environment, root.dataRoot);
          target.change().apply(files, id, enabled);
          files.events.record(
              enabled ? target.onEvent() : target.offEvent(),
              null,
              Payload.of(target.idField(), id).with(EventField.SOURCE, "cli"));
          environment
              .err()
              .println(target.noun() + " '" + id + "' " + (enabled ? "enabled." : "disabled."));
          return 0;
        });
  }
}

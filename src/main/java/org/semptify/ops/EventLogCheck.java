package org.semptify.ops;

/** The events log accepts lines; without it audited actions answer 503. */
public final class EventLogCheck implements ReadinessCheck {
  private final EventLog events;

  public EventLogCheck(EventLog events) {
    this.events = events;
  }

  @Override
  public String name() {
    return "events_log";
  }

  @Override
  public CheckResult check() {
    if (!events.writable()) {
      return CheckResult.failed("not writable");
    }
    // A full disk leaves the permissions as they were: the last append tells.
    return events.lastWriteSucceeded()
        ? CheckResult.ok("writable")
        : CheckResult.failed("the last event could not be written");
  }
}

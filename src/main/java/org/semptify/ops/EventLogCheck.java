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
    return events.writable() ? CheckResult.ok("writable") : CheckResult.failed("not writable");
  }
}

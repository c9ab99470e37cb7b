package org.semptify.ops;

/**
 * The events log cannot be written; the action that wanted to be audited must not proceed. A
 * storage failure like any other, with its own answer (503: the action was refused, not attempted).
 */
public final class EventLogUnavailableException extends StorageUnavailableException {
  private static final long serialVersionUID = 1L;

  public EventLogUnavailableException(Throwable cause) {
    super("the events log cannot be written", cause);
  }

  @Override
  public int status() {
    return 503;
  }

  @Override
  public String publicMessage() {
    return "events log unavailable; the action was not performed";
  }
}

package org.semptify.ops;

/** The events log cannot be written; the action that wanted to be audited must not proceed. */
public final class EventLogUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EventLogUnavailableException(Throwable cause) {
    super("the events log cannot be written", cause);
  }
}

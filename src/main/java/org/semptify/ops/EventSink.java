package org.semptify.ops;

/**
 * Where audit events go ({@code logs/events.log} on files, shared with the command line). {@code
 * EventSinkContract} checks the promises below.
 */
public interface EventSink {
  /**
   * Stores {@code event} durably before returning, after every event appended before it. When it
   * cannot, throws {@link org.semptify.ops.EventLogUnavailableException}: the action that wanted to
   * be audited must fail rather than proceed unaudited.
   */
  void append(StoredEvent event);

  /** Whether an append would be accepted now, as far as can be told without writing one. */
  boolean writable();

  /**
   * False from an append that failed (a full disk shows no other way) until one succeeds again; a
   * failed append leaves nothing of its event behind.
   */
  boolean lastAppendSucceeded();
}

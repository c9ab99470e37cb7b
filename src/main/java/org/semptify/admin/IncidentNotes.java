package org.semptify.admin;

import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Payload;
import org.semptify.ops.SecretScrubber;
import org.semptify.store.EntryFields;

/**
 * An operator's note on an incident, written into the events log as {@code incident_note} by {@code
 * semptify events note} and by the dashboard. The text is checked (not blank, at most {@link
 * #MAX_TEXT} characters, one line) and scrubbed like free text (a {@code password=…} or a Semptify
 * token in it is redacted) before the event log scrubs it again as it does every value.
 */
public final class IncidentNotes {
  public static final int MAX_TEXT = 1000;
  private static final SecretScrubber FREE_TEXT = new SecretScrubber();

  private IncidentNotes() {}

  /**
   * Records the note; throws {@link IllegalArgumentException} (and records nothing) when the text
   * or incident id is not acceptable.
   */
  public static void record(
      EventLog events,
      String requestId,
      String text,
      String incidentId,
      String actorTokenId,
      String source) {
    String clean = text == null ? "" : text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    if (clean.isEmpty()) {
      throw new IllegalArgumentException("the note's text is empty");
    }
    if (clean.codePointCount(0, clean.length()) > MAX_TEXT) {
      throw new IllegalArgumentException(
          "the note's text is longer than " + MAX_TEXT + " characters");
    }
    String incident = incidentId == null || incidentId.isBlank() ? null : incidentId.strip();
    if (incident != null && !EntryFields.SAFE_ID.matcher(incident).matches()) {
      throw new IllegalArgumentException(
          "an incident id uses letters, digits, '.', '_' and '-' (1 to 64)");
    }
    Payload payload = Payload.of(EventField.TEXT, FREE_TEXT.scrubText(clean));
    if (incident != null) {
      payload.with(EventField.INCIDENT_ID, incident);
    }
    if (actorTokenId != null) {
      payload.with(EventField.ACTOR_TOKEN_ID, actorTokenId);
    }
    events.requireWritable();
    events.record(EventType.INCIDENT_NOTE, requestId, payload.with(EventField.SOURCE, source));
  }
}

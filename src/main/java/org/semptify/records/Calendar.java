package org.semptify.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The logbook as an RFC 5545 calendar: one VEVENT per entry with a stable UID, all-day entries as
 * DATE values, timed ones as floating local times lasting an hour, TEXT escaping (backslash,
 * semicolon, comma, newline), CRLF line ends and lines folded at 75 octets without splitting a
 * UTF-8 character.
 */
public final class Calendar {
  static final String PRODID = "-//Semptify//Tenant logbook//EN";
  private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private Calendar() {}

  public static String render(List<LogEvent> events, Instant now) {
    StringBuilder out = new StringBuilder();
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:" + PRODID);
    line(out, "CALSCALE:GREGORIAN");
    line(out, "X-WR-CALNAME:" + text("Semptify logbook"));
    for (LogEvent event : events) {
      LocalDate date = LocalDate.parse(event.date());
      line(out, "BEGIN:VEVENT");
      line(out, "UID:" + event.id() + "@semptify");
      line(out, "DTSTAMP:" + STAMP.format(now));
      if (event.time() == null) {
        line(out, "DTSTART;VALUE=DATE:" + DATE.format(date));
        line(out, "DTEND;VALUE=DATE:" + DATE.format(date.plusDays(1)));
      } else {
        LocalTime time = LocalTime.parse(event.time());
        line(out, "DTSTART:" + DATE.format(date) + "T" + clock(time));
        line(out, "DURATION:PT1H");
      }
      line(out, "SUMMARY:" + text(event.title()));
      line(out, "CATEGORIES:" + text(event.type()));
      if (event.location() != null) {
        line(out, "LOCATION:" + text(event.location()));
      }
      String description = description(event);
      if (!description.isEmpty()) {
        line(out, "DESCRIPTION:" + text(description));
      }
      line(out, "END:VEVENT");
    }
    line(out, "END:VCALENDAR");
    return out.toString();
  }

  private static String description(LogEvent event) {
    StringBuilder text = new StringBuilder();
    if (event.people() != null) {
      text.append("People: ").append(event.people());
    }
    if (event.notes() != null) {
      text.append(text.length() > 0 ? "\n" : "").append(event.notes());
    }
    if (event.linkedDocId() != null) {
      text.append(text.length() > 0 ? "\n" : "")
          .append("Vault document: ")
          .append(event.linkedDocId());
    }
    return text.toString();
  }

  private static String clock(LocalTime time) {
    return String.format(
        java.util.Locale.ROOT, "%02d%02d%02d", time.getHour(), time.getMinute(), 0);
  }

  /** RFC 5545 §3.3.11 TEXT escaping. */
  static String text(String value) {
    return value
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n");
  }

  /** Appends a content line, folded so that no physical line exceeds 75 octets. */
  static void line(StringBuilder out, String content) {
    int octets = 0;
    for (int i = 0; i < content.length(); ) {
      int codePoint = content.codePointAt(i);
      int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + size > 75) {
        out.append("\r\n ");
        octets = 1; // the leading space of the continuation line
      }
      out.appendCodePoint(codePoint);
      octets += size;
      i += Character.charCount(codePoint);
    }
    out.append("\r\n");
  }
}

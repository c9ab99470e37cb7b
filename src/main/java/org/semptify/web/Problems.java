package org.semptify.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.semptify.i18n.Message;

/**
 * The one validation style of every form, record and tracker: what is wrong with a submission, as a
 * message beside each field (the first message for a field wins), and the status to answer with.
 * Rules that several forms share (required, a length limit, a real date) are written here once;
 * {@link FormAnswers} sends the result back as the form again or as JSON.
 */
public final class Problems {
  /** The message above a form whose fields have messages beside them. */
  public static final Message FIX_FIELDS = Message.of("validation.fixFields");

  public static final Message REQUIRED = Message.of("validation.required");
  public static final Message BAD_DATE = Message.of("validation.date");

  private static final DateTimeFormatter ISO_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private final Map<String, Message> fields = new LinkedHashMap<>();
  private final boolean firstOnly;
  private int status = 400;

  private Problems(boolean firstOnly) {
    this.firstOnly = firstOnly;
  }

  /** Collects a message for every field that fails. */
  public static Problems collect() {
    return new Problems(false);
  }

  /** Keeps only the first problem found: later checks are ignored once one failed. */
  public static Problems firstOnly() {
    return new Problems(true);
  }

  /** {@code field} has {@code message} beside it, unless it has one already. */
  public Problems add(String field, Message message) {
    if (!(firstOnly && !fields.isEmpty())) {
      fields.putIfAbsent(field, message);
    }
    return this;
  }

  /** Something the submission names does not exist (a document, a receipt): answered 404. */
  public Problems notFound(String field, Message message) {
    if (fields.isEmpty()) {
      status = 404;
    }
    return add(field, message);
  }

  /** Every message of {@code others}, after this one's own. */
  public Problems addAll(Map<String, Message> others) {
    others.forEach(this::add);
    return this;
  }

  /** {@code value} must not be empty. */
  public Problems required(String field, String value, Message message) {
    return value.isEmpty() ? add(field, message) : this;
  }

  /**
   * At most {@code max} characters (Unicode code points, as a person counts them): "Keep this under
   * {@code max} characters."
   */
  public Problems maxLength(String field, String value, int max) {
    return tooLong(value, max) ? add(field, Message.of("validation.tooLong", max)) : this;
  }

  /** An optional date: empty, or a real date written YYYY-MM-DD. */
  public Problems optionalDate(String field, String value) {
    return value.isEmpty() || isDate(value) ? this : add(field, BAD_DATE);
  }

  public static boolean tooLong(String value, int max) {
    return value.codePointCount(0, value.length()) > max;
  }

  /** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
  public static boolean isDate(String value) {
    try {
      LocalDate.parse(value, ISO_DATE);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  public boolean isEmpty() {
    return fields.isEmpty();
  }

  public boolean has(String field) {
    return fields.containsKey(field);
  }

  /** The message beside {@code field}, or null. */
  public Message get(String field) {
    return fields.get(field);
  }

  /** The first problem's message (null when there is none). */
  public Message first() {
    return fields.isEmpty() ? null : fields.values().iterator().next();
  }

  public int size() {
    return fields.size();
  }

  /** 400, or 404 when the first problem was something named that does not exist. */
  public int status() {
    return status;
  }

  /** Field name → message, in the order found; what templates show beside the fields. */
  public Map<String, Message> fields() {
    return Collections.unmodifiableMap(fields);
  }
}

package org.semptify.records.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.semptify.documents.FormInput;
import org.semptify.i18n.Message;
import org.semptify.ops.EventLog;
import org.semptify.records.Calendar;
import org.semptify.records.LogEvent;
import org.semptify.records.Records;
import org.semptify.records.RecordsStore;
import org.semptify.vault.Vault;
import org.semptify.web.Problems;
import org.semptify.web.ResponseFormat;

/**
 * {@code /logbook}: what happened and what is coming, in date order, with deadlines and hearings in
 * the next two weeks marked; {@code /logbook.ics} exports it as a calendar.
 */
public final class LogbookHandlers {
  static final List<String> TYPES =
      List.of("meeting", "maintenance", "deadline", "payment", "communication", "court", "other");
  static final int UPCOMING_DAYS = 14;

  private final RecordsSupport support;
  private final EventLog events;
  private final Clock clock;

  LogbookHandlers(RecordsSupport support, EventLog events, Clock clock) {
    this.support = support;
    this.events = events;
    this.clock = clock;
  }

  /** Entries in date order; all-day entries before timed ones on the same day. */
  static List<LogEvent> chronological(List<LogEvent> events) {
    List<LogEvent> ordered = new ArrayList<>(events);
    ordered.sort(
        Comparator.comparing(LogEvent::date).thenComparing(e -> e.time() == null ? "" : e.time()));
    return ordered;
  }

  /** A deadline or court date from today through the next two weeks. */
  boolean upcoming(LogEvent event) {
    if (!event.type().equals("deadline") && !event.type().equals("court")) {
      return false;
    }
    LocalDate date = LocalDate.parse(event.date());
    LocalDate today = support.todayDate();
    return !date.isBefore(today) && !date.isAfter(today.plusDays(UPCOMING_DAYS));
  }

  public void page(Context ctx) {
    Vault vault = support.vault(ctx);
    List<LogEvent> list = chronological(support.store.load(vault).logbook());
    if (!ResponseFormat.wantsHtml(ctx)) {
      ctx.json(Map.of("events", list));
      return;
    }
    String editId = ctx.queryParam("edit");
    FormInput input = prefilled(ctx);
    if (editId != null) {
      input = asInput(find(list, editId));
    }
    support.pages.render(
        ctx, "logbook.jte", params(list, input, Map.of(), null, editId == null ? "" : editId));
  }

  /**
   * A new entry's form: today, "other", or what a link asks for ("Add the repair deadline to your
   * logbook": {@code ?date=&type=&title=}), each only when valid. Nothing is saved by a GET.
   */
  private FormInput prefilled(Context ctx) {
    String date = ctx.queryParam("date");
    String type = ctx.queryParam("type");
    String title = ctx.queryParam("title");
    Map<String, List<String>> values = new HashMap<>();
    values.put(
        "date", List.of(date != null && RecordsSupport.isDate(date) ? date : support.today()));
    values.put("type", List.of(type != null && TYPES.contains(type) ? type : "other"));
    if (title != null && !title.isBlank() && title.length() <= 200) {
      values.put("title", List.of(title));
    }
    return FormInput.of(values);
  }

  public void add(Context ctx) throws IOException {
    Vault vault = support.vault(ctx);
    save(ctx, vault, support.store.newId('e'), null);
  }

  public void edit(Context ctx) throws IOException {
    Vault vault = support.vault(ctx);
    LogEvent shown = find(support.store.load(vault).logbook(), ctx.pathParam("id"));
    save(ctx, vault, shown.id(), shown);
  }

  private void save(Context ctx, Vault vault, String id, LogEvent before) throws IOException {
    FormInput input = RecordsSupport.input(ctx);
    Problems problems = Problems.collect();
    String date = input.trimmed("date");
    if (!RecordsSupport.isDate(date)) {
      problems.add("date", RecordsSupport.BAD_DATE);
    }
    String time = input.trimmed("time");
    if (!time.isEmpty() && !isTime(time)) {
      problems.add("time", Message.of("validation.time"));
    }
    String title = input.trimmed("title");
    problems
        .required("title", title, Message.of("validation.titleRequired"))
        .maxLength("title", title, 200);
    String type = input.trimmed("type");
    if (!TYPES.contains(type)) {
      problems.add("type", Message.of("validation.eventType"));
    }
    for (String field : List.of("location", "people", "notes")) {
      problems.maxLength(field, input.trimmed(field), 5000);
    }
    if (!problems.isEmpty()) {
      Message message =
          problems.size() == 1 && problems.has("title")
              ? problems.get("title")
              : RecordsSupport.FIX_FIELDS;
      String editId = before == null ? "" : id;
      support.answers.invalid(
          ctx,
          problems,
          message,
          c -> {
            List<LogEvent> list = chronological(support.store.load(vault).logbook());
            support.pages.render(
                c, "logbook.jte", params(list, input, problems.fields(), message, editId));
          });
      return;
    }
    events.requireWritable();
    boolean adding = before == null;
    Records saved =
        support.store.apply(
            vault,
            support.change(ctx, adding ? "logbook.add" : "logbook.edit", id),
            r -> {
              // The entry as it is under the lock: its link and source are kept from it.
              LogEvent current = adding ? null : find(r.logbook(), id);
              LogEvent event =
                  new LogEvent(
                      id,
                      date,
                      time.isEmpty() ? null : LocalTime.parse(time).toString(),
                      title,
                      type,
                      RecordsSupport.blankToNull(input.trimmed("location")),
                      RecordsSupport.blankToNull(input.trimmed("people")),
                      RecordsSupport.blankToNull(input.trimmed("notes")),
                      current == null ? null : current.linkedDocId(),
                      current == null ? "manual" : current.source());
              return new RecordsStore.Edit(
                  current,
                  event,
                  r.withLogbook(Records.upsert(r.logbook(), event, e -> e.id().equals(id))));
            });
    support.answers.done(
        ctx,
        "/logbook",
        adding ? 201 : 200,
        find(saved.logbook(), id),
        org.semptify.web.Notice.of(
            Message.of(adding ? "status.logbookAdded" : "status.logbookChanged")));
  }

  public void delete(Context ctx) throws IOException {
    Vault vault = support.vault(ctx);
    String id = find(support.store.load(vault).logbook(), ctx.pathParam("id")).id();
    events.requireWritable();
    support.store.apply(
        vault,
        support.change(ctx, "logbook.delete", id),
        r ->
            new RecordsStore.Edit(
                find(r.logbook(), id),
                null,
                r.withLogbook(Records.without(r.logbook(), e -> e.id().equals(id)))));
    support.answerDeleted(ctx, "/logbook", id);
  }

  /** {@code GET /logbook.ics}. */
  public void ics(Context ctx) {
    Vault vault = support.vault(ctx);
    List<LogEvent> list = chronological(support.store.load(vault).logbook());
    ctx.header("Content-Disposition", "attachment; filename=\"semptify-logbook.ics\"");
    ctx.contentType("text/calendar; charset=utf-8")
        .result(Calendar.render(list, Instant.ofEpochMilli(clock.millis())));
  }

  /**
   * Adds an entry that points at something saved elsewhere (a document, a service, a filing), in
   * the same audit trail as a manual one.
   */
  void link(
      Context ctx, Vault vault, String date, String title, String type, String docId, String source)
      throws IOException {
    String id = support.store.newId('e');
    LogEvent event = new LogEvent(id, date, null, title, type, null, null, null, docId, source);
    support.store.apply(
        vault,
        support.change(ctx, "logbook.add", id),
        r ->
            new RecordsStore.Edit(
                null, event, r.withLogbook(Records.upsert(r.logbook(), event, e -> false))));
  }

  private static boolean isTime(String value) {
    try {
      LocalTime.parse(value);
      return value.matches("\\d{2}:\\d{2}(:\\d{2})?");
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static LogEvent find(List<LogEvent> list, String id) {
    return list.stream()
        .filter(e -> e.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new NotFoundResponse("no such logbook entry"));
  }

  private static FormInput asInput(LogEvent event) {
    Map<String, List<String>> values = new HashMap<>();
    values.put("date", List.of(event.date()));
    values.put("time", List.of(event.time() == null ? "" : event.time()));
    values.put("title", List.of(event.title()));
    values.put("type", List.of(event.type()));
    values.put("location", List.of(event.location() == null ? "" : event.location()));
    values.put("people", List.of(event.people() == null ? "" : event.people()));
    values.put("notes", List.of(event.notes() == null ? "" : event.notes()));
    return FormInput.of(values);
  }

  private Map<String, Object> params(
      List<LogEvent> list,
      FormInput input,
      Map<String, Message> problems,
      Message message,
      String editId) {
    Map<String, Object> params = new HashMap<>();
    params.put("events", list);
    params.put("upcoming", list.stream().filter(this::upcoming).map(LogEvent::id).toList());
    params.put("input", input);
    params.put("errors", problems);
    params.put("message", message);
    params.put("editId", editId);
    params.put("types", TYPES);
    return params;
  }
}

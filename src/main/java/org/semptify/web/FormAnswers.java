package org.semptify.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.semptify.i18n.Message;

/**
 * The one way a form's submission is answered, for browsers and programs alike: a rejected one as
 * the form again (what was typed kept, the messages beside the fields) or as JSON {@code {"error",
 * "fields", "request_id"}} in English; an accepted one as a redirect or as JSON.
 */
public final class FormAnswers {
  private final Pages pages;
  private final ErrorResponder errors;

  public FormAnswers(Pages pages, ErrorResponder errors) {
    this.pages = pages;
    this.errors = errors;
  }

  /** Renders the form page again, with the messages; the status is set already. */
  @FunctionalInterface
  public interface FormPage {
    void render(Context ctx);
  }

  /**
   * {@code problems.status()} (400, or 404 for something named that does not exist): browsers get
   * {@code form} again, programs {@code summary} and each field's message in English.
   */
  public void invalid(Context ctx, Problems problems, Message summary, FormPage form) {
    if (ResponseFormat.wantsHtml(ctx)) {
      ctx.status(problems.status());
      form.render(ctx);
      return;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    problems.fields().forEach((field, message) -> fields.put(field, pages.english(message)));
    errors.respond(ctx, problems.status(), summary, Map.of("fields", fields));
  }

  /** A change succeeded: browsers go on to {@code page}; programs get {@code status} and body. */
  public void done(Context ctx, String page, int status, Object body) {
    done(ctx, page, status, body, null);
  }

  /**
   * A change succeeded: browsers go on to {@code page}, which says {@code notice} at its top (what
   * happened and the next steps); programs get {@code status} and body.
   */
  public void done(Context ctx, String page, int status, Object body, Notice notice) {
    if (ResponseFormat.wantsHtml(ctx)) {
      if (notice != null) {
        pages.notify(ctx, notice);
      }
      ctx.redirect(page, HttpStatus.SEE_OTHER);
    } else {
      ctx.status(status).json(body);
    }
  }
}

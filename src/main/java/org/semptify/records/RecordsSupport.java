package org.semptify.records;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.semptify.documents.FormInput;
import org.semptify.documents.FormValidator;
import org.semptify.i18n.Message;
import org.semptify.server.ErrorResponder;
import org.semptify.server.Pages;
import org.semptify.server.RequestAttributes;
import org.semptify.server.ResponseFormat;
import org.semptify.users.UserAuthenticator;
import org.semptify.vault.Vault;
import org.semptify.vault.VaultStorage;

/** What every records page needs: the owner's vault, the audit change, and the two answers. */
final class RecordsSupport {
  static final Message FIX_FIELDS = FormValidator.FIX_FIELDS;
  static final Message BAD_DATE = FormValidator.BAD_DATE;

  final UserAuthenticator auth;
  final VaultStorage storage;
  final RecordsStore store;
  final Pages pages;
  private final Actor actor;
  private final ErrorResponder errors;
  private final Clock clock;

  RecordsSupport(
      UserAuthenticator auth,
      VaultStorage storage,
      RecordsStore store,
      Actor actor,
      Pages pages,
      ErrorResponder errors,
      Clock clock) {
    this.auth = auth;
    this.storage = storage;
    this.store = store;
    this.actor = actor;
    this.pages = pages;
    this.errors = errors;
    this.clock = clock;
  }

  /** The vault of the request's owner; 401 otherwise. */
  Vault vault(Context ctx) {
    return storage.open(auth.require(ctx));
  }

  RecordsStore.Change change(Context ctx, String action, String recordId) {
    return new RecordsStore.Change(
        actor.of(ctx), action, recordId, RequestAttributes.requestId(ctx));
  }

  static FormInput input(Context ctx) {
    return FormInput.of(ctx.formParamMap());
  }

  String today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
  }

  LocalDate todayDate() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  static boolean isDate(String value) {
    return FormValidator.isDate(value);
  }

  /** Empty optional text is stored as absent. */
  static String blankToNull(String value) {
    return value.isEmpty() ? null : value;
  }

  static String nullToBlank(String value) {
    return value == null ? "" : value;
  }

  /** 400: the page again with the messages and the input (browsers), or JSON (programs). */
  void invalid(
      Context ctx,
      String template,
      Map<String, Object> params,
      Message message,
      Map<String, Message> fieldErrors) {
    invalid(ctx, 400, template, params, message, fieldErrors);
  }

  void invalid(
      Context ctx,
      int status,
      String template,
      Map<String, Object> params,
      Message message,
      Map<String, Message> fieldErrors) {
    if (ResponseFormat.wantsHtml(ctx)) {
      ctx.status(status);
      pages.render(ctx, template, params);
    } else {
      Map<String, String> fields = new LinkedHashMap<>();
      fieldErrors.forEach((field, text) -> fields.put(field, pages.english(text)));
      errors.respond(ctx, status, message, Map.of("fields", fields));
    }
  }

  /** A change succeeded: browsers go back to {@code page}; programs get {@code body}. */
  void done(Context ctx, String page, int status, Object body) {
    if (ResponseFormat.wantsHtml(ctx)) {
      ctx.redirect(page, HttpStatus.SEE_OTHER);
    } else {
      ctx.status(status).json(body);
    }
  }
}

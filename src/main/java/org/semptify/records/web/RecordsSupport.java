package org.semptify.records.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.semptify.documents.FormInput;
import org.semptify.i18n.Message;
import org.semptify.records.RecordsStore;
import org.semptify.users.web.UserAuthenticator;
import org.semptify.vault.Vault;
import org.semptify.vault.VaultStorage;
import org.semptify.web.ErrorResponder;
import org.semptify.web.FormAnswers;
import org.semptify.web.Pages;
import org.semptify.web.Problems;
import org.semptify.web.RequestAttributes;

/** What every records page needs: the owner's vault, the audit change, and the answers. */
final class RecordsSupport {
  static final Message FIX_FIELDS = Problems.FIX_FIELDS;
  static final Message BAD_DATE = Problems.BAD_DATE;

  final UserAuthenticator auth;
  final VaultStorage storage;
  final RecordsStore store;
  final Pages pages;
  private final Actor actor;
  final FormAnswers answers;
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
    this.answers = new FormAnswers(pages, errors);
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

  /** Answers a deleted record: back to {@code listPage} with the status message, or JSON. */
  void answerDeleted(Context ctx, String listPage, String id) {
    answers.done(
        ctx,
        listPage,
        200,
        java.util.Map.of("deleted", id),
        org.semptify.web.Notice.of(Message.of("status.recordDeleted")));
  }

  static FormInput input(Context ctx) {
    return FormInput.of(ctx.formParamMap());
  }

  String today() {
    return todayDate().toString();
  }

  LocalDate todayDate() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  static boolean isDate(String value) {
    return Problems.isDate(value);
  }

  /** Empty optional text is stored as absent. */
  static String blankToNull(String value) {
    return value.isEmpty() ? null : value;
  }

  static String nullToBlank(String value) {
    return value == null ? "" : value;
  }
}

package org.semptify.documents.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.semptify.documents.DocumentContent;
import org.semptify.documents.DocumentSaver;
import org.semptify.documents.FollowUp;
import org.semptify.documents.FormField;
import org.semptify.documents.FormInput;
import org.semptify.documents.FormValidator;
import org.semptify.documents.FormView;
import org.semptify.documents.PlainText;
import org.semptify.documents.Signature;
import org.semptify.documents.TenantForm;
import org.semptify.documents.TenantForms;
import org.semptify.i18n.Message;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.Metrics;
import org.semptify.ops.Payload;
import org.semptify.users.VaultAccess;
import org.semptify.users.web.UserAuthenticator;
import org.semptify.users.web.UserUnauthorizedException;
import org.semptify.vault.Document;
import org.semptify.vault.DocumentJson;
import org.semptify.vault.Manifest;
import org.semptify.vault.Vault;
import org.semptify.vault.VaultStorage;
import org.semptify.web.ErrorResponder;
import org.semptify.web.FormAnswers;
import org.semptify.web.Pages;
import org.semptify.web.Problems;
import org.semptify.web.RequestAttributes;
import org.semptify.web.ResponseFormat;

/**
 * The signed-form pattern, for every {@link TenantForm}: {@code GET /resources/<form>} shows it to
 * anyone, {@code POST /resources/<form>_preview} shows what would be saved, and {@code POST
 * /resources/<form>_save} (the vault's owner only) saves it as a PDF and a text twin. A rejected
 * save answers 400 with everything typed still in the form.
 */
public final class DocumentHandlers {
  static final Message FIX_FIELDS = Problems.FIX_FIELDS;
  static final Message LOCKED = Message.of("form.locked");
  private static final Message DOCUMENT_GONE = Message.of("validation.documentGone");

  private final List<TenantForm> forms = TenantForms.all();
  private final UserAuthenticator auth;
  private final VaultStorage storage;
  private final DocumentSaver saver;
  private final Pages pages;
  private final FormAnswers answers;
  private final EventLog events;
  private final Metrics metrics;
  private final Clock clock;
  private SavedDocumentListener listener = (ctx, vault, form, saved, date) -> {};

  public DocumentHandlers(
      UserAuthenticator auth,
      VaultStorage storage,
      DocumentSaver saver,
      Pages pages,
      ErrorResponder errors,
      EventLog events,
      Metrics metrics,
      Clock clock) {
    this.auth = auth;
    this.storage = storage;
    this.saver = saver;
    this.pages = pages;
    this.answers = new FormAnswers(pages, errors);
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Set once while the server is assembled, before it serves requests. */
  public void onSaved(SavedDocumentListener savedListener) {
    this.listener = savedListener;
  }

  public List<TenantForm> forms() {
    return forms;
  }

  /**
   * True for a save that carries no user token and no session: there is no credential a forged
   * request could ride on, so the CSRF check can stand aside and the save answer 401.
   */
  public boolean isAnonymousSave(Context ctx) {
    return ctx.path().endsWith("_save")
        && ctx.path().startsWith("/resources/")
        && !auth.presentsCredentials(ctx);
  }

  /** {@code GET /resources/<form>}: the empty form, dated today. */
  public void form(Context ctx, TenantForm form) {
    String today = LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
    Map<String, List<String>> values = new LinkedHashMap<>();
    form.defaults().forEach((name, value) -> values.put(name, List.of(value)));
    values.put("date", List.of(today));
    FormInput defaults = FormInput.of(values);
    Optional<VaultAccess> access = auth.current(ctx);
    render(ctx, 200, view(form, defaults, Map.of(), null, null, access));
  }

  /** {@code POST /resources/<form>_preview}: the document as it would be saved. */
  public void preview(Context ctx, TenantForm form) {
    FormInput input = FormInput.of(ctx.formParamMap());
    Optional<VaultAccess> access = auth.current(ctx);
    Problems problems = FormValidator.validate(form, input);
    if (!problems.isEmpty()) {
      FormView view = view(form, input, problems.fields(), FIX_FIELDS, null, access);
      answers.invalid(ctx, problems, FIX_FIELDS, c -> render(c, 400, view));
      return;
    }
    Map<String, List<Document>> attached =
        access
            .map(a -> attached(form, input, storage.open(a).manifest(), Problems.collect()))
            .orElse(Map.of());
    DocumentContent preview =
        form.compose(input, attached, Signature.from(input), pages.translator(ctx));
    if (ResponseFormat.wantsHtml(ctx)) {
      render(ctx, 200, view(form, input, Map.of(), null, preview, access));
    } else {
      ctx.json(
          Map.of(
              "title",
              preview.title(),
              "text",
              new String(PlainText.render(preview), StandardCharsets.UTF_8)));
    }
  }

  /** {@code POST /resources/<form>_save}: the PDF and its text twin, into the owner's vault. */
  public void save(Context ctx, TenantForm form) throws IOException {
    FormInput input = FormInput.of(ctx.formParamMap());
    VaultAccess access;
    try {
      access = auth.require(ctx);
    } catch (UserUnauthorizedException e) {
      if (!ResponseFormat.wantsHtml(ctx)) {
        throw e;
      }
      render(ctx, 401, view(form, input, Map.of(), LOCKED, null, Optional.empty()));
      return;
    }
    Vault vault = storage.open(access);
    Manifest manifest = vault.manifest();
    Problems problems = FormValidator.validate(form, input);
    Map<String, List<Document>> attached = attached(form, input, manifest, problems);
    Signature signature = Signature.from(input);
    if (!signature.complete() || !problems.isEmpty()) {
      Message message = signature.complete() ? FIX_FIELDS : Signature.REQUIRED;
      FormView view =
          view(form, input, problems.fields(), message, null, Optional.of(access), manifest);
      answers.invalid(ctx, problems, message, c -> render(c, 400, view));
      return;
    }
    events.requireWritable();
    DocumentSaver.Saved saved =
        saver.save(
            vault,
            form,
            input,
            attached,
            signature,
            pages.translator(ctx),
            RequestAttributes.requestId(ctx));
    listener.saved(ctx, vault, form, saved, form.executedDate(input));
    metrics.documentsSaved.inc();
    events.record(
        form.savedEvent(),
        RequestAttributes.requestId(ctx),
        Payload.of(EventField.USER_ID, access.userId())
            .with(EventField.DOC_ID, saved.pdf().docId()));
    List<FollowUp> followUps = form.followUps(input, saved.pdf().docId(), pages.translator(ctx));
    org.semptify.web.Notice notice =
        org.semptify.web.Notice.savedDocument(saved.pdf().filename(), saved.pdf().docId());
    if (!followUps.isEmpty()) {
      List<org.semptify.web.Notice.Link> links = new ArrayList<>();
      followUps.forEach(f -> links.add(new org.semptify.web.Notice.Link(f.labelKey(), f.href())));
      links.addAll(notice.links());
      notice = new org.semptify.web.Notice(notice.text(), links);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("pdf", DocumentJson.of(saved.pdf()));
    body.put("text", DocumentJson.of(saved.text()));
    if (!followUps.isEmpty()) {
      body.put("next", followUps.stream().map(f -> Map.of("href", f.href())).toList());
    }
    answers.done(
        ctx,
        "/vault?new=" + URLEncoder.encode(saved.pdf().docId(), StandardCharsets.UTF_8),
        201,
        body,
        notice);
  }

  /**
   * The vault documents chosen in each document field, in the order chosen; a chosen id that is not
   * (or no longer) in the vault becomes a message in {@code problems}.
   */
  private static Map<String, List<Document>> attached(
      TenantForm form, FormInput input, Manifest manifest, Problems problems) {
    Map<String, List<Document>> attached = new LinkedHashMap<>();
    for (FormField field : form.fields()) {
      if (!field.kind().choosesDocuments()) {
        continue;
      }
      List<Document> documents = new ArrayList<>();
      for (String docId : input.values(field.name())) {
        Optional<Document> document = manifest.document(docId);
        if (document.isEmpty()) {
          problems.add(field.name(), DOCUMENT_GONE);
        } else if (!documents.contains(document.get())) {
          documents.add(document.get());
        }
      }
      attached.put(field.name(), List.copyOf(documents));
    }
    return attached;
  }

  private FormView view(
      TenantForm form,
      FormInput input,
      Map<String, Message> problems,
      Message message,
      DocumentContent preview,
      Optional<VaultAccess> access) {
    Manifest manifest = access.map(a -> storage.open(a).manifest()).orElse(null);
    return view(form, input, problems, message, preview, access, manifest);
  }

  private static FormView view(
      TenantForm form,
      FormInput input,
      Map<String, Message> problems,
      Message message,
      DocumentContent preview,
      Optional<VaultAccess> access,
      Manifest manifest) {
    return new FormView(
        form,
        input,
        problems,
        message,
        preview,
        manifest == null ? List.of() : manifest.documents(),
        access.isPresent());
  }

  private void render(Context ctx, int status, FormView view) {
    ctx.status(status);
    pages.render(ctx, "form.jte", Map.of("view", view));
  }
}

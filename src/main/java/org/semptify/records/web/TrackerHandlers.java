package org.semptify.records.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.semptify.config.VaultSettings;
import org.semptify.documents.FormInput;
import org.semptify.i18n.Message;
import org.semptify.ops.EventLog;
import org.semptify.vault.Certificate;
import org.semptify.vault.CertificateJson;
import org.semptify.vault.Document;
import org.semptify.vault.FileNames;
import org.semptify.vault.NewDocument;
import org.semptify.vault.Vault;
import org.semptify.vault.web.UploadReceiver;
import org.semptify.web.Problems;
import org.semptify.web.RequestAttributes;
import org.semptify.web.ResponseFormat;

/**
 * The trackers that leave a signed record in the vault's certificate chain: service of a notice
 * ({@code /certified_post}), a court filing ({@code /court_clerk}) and a hash attestation ({@code
 * /notary}). Each may come with a file (a receipt, a stamped copy, the document to attest), which
 * is stored as a vault document first; each adds a linked logbook entry.
 */
public final class TrackerHandlers {
  static final List<String> SERVICE_TYPES =
      List.of("postal_certified", "courier", "electronic", "hand_delivery");
  static final List<String> SUBMISSION_METHODS = List.of("in_person", "e_filing", "mail");
  static final List<String> FILING_STATUSES = List.of("submitted", "accepted", "rejected");

  /** Each tracker page and the type of the certificate records it writes. */
  static final Map<String, String> RECORD_TYPE_OF_PAGE =
      Map.of(
          "certified_post", "certified_post",
          "court_clerk", "court_clerk_filing",
          "notary", "notary_attestation");

  static final java.util.Collection<String> RECORD_TYPES = RECORD_TYPE_OF_PAGE.values();
  static final int MAX_TEXT = 2000;
  static final Message SERVICE_REQUIRED = Message.of("validation.serviceRequired");
  static final Message FILING_REQUIRED = Message.of("validation.filingRequired");
  static final Message ATTEST_REQUIRED = Message.of("validation.attestRequired");
  static final Message RELATED_NOT_FOUND = Message.of("validation.relatedNotFound");
  static final String NOT_NOTARIZATION =
      "This is a hash attestation by this Semptify server, not a legal notarization: it shows"
          + " only that a document with this SHA-256 was in the vault at the time recorded.";

  private final RecordsSupport support;
  private final UploadReceiver receiver;
  private final VaultSettings limits;
  private final LogbookHandlers logbook;
  private final EventLog events;

  TrackerHandlers(
      RecordsSupport support,
      UploadReceiver receiver,
      VaultSettings limits,
      LogbookHandlers logbook,
      EventLog events) {
    this.support = support;
    this.receiver = receiver;
    this.limits = limits;
    this.logbook = logbook;
    this.events = events;
  }

  /** The submitted fields, and the uploaded file when one came with them. */
  private record Submission(FormInput input, Vault.PendingBlob blob, String originalName) {}

  /** {@code GET /certified_post}, {@code /court_clerk}, {@code /notary}: form and history. */
  public void page(Context ctx, String tracker) {
    Vault vault = support.vault(ctx);
    Map<String, List<String>> values = new HashMap<>();
    values.put("date", List.of(support.today()));
    // Pre-filled from a link ("Record when and how you sent it"): the document to relate.
    String docField = tracker.equals("notary") ? "doc_id" : "related_doc_id";
    String related = ctx.queryParam(docField);
    if (related != null && vault.manifest().document(related.strip()).isPresent()) {
      values.put(docField, List.of(related.strip()));
    }
    FormInput input = FormInput.of(values);
    render(ctx, 200, tracker, vault, input, null, Map.of());
  }

  /** {@code POST /certified_post}. */
  public void certifiedPost(Context ctx) throws IOException {
    Vault vault = support.vault(ctx);
    Submission submission = receive(ctx, vault);
    FormInput input = submission.input();
    String serviceType = input.trimmed("service_type").toLowerCase(Locale.ROOT);
    String destination = input.trimmed("destination");
    Problems problems = Problems.firstOnly();
    if (!SERVICE_TYPES.contains(serviceType) || destination.isEmpty()) {
      problems.add(destination.isEmpty() ? "destination" : "service_type", SERVICE_REQUIRED);
    }
    Optional<Document> related = Optional.empty();
    if (problems.isEmpty()) {
      String relatedId = input.trimmed("related_doc_id");
      related = relatedId.isEmpty() ? Optional.empty() : vault.manifest().document(relatedId);
      if (!relatedId.isEmpty() && related.isEmpty()) {
        problems.notFound("related_doc_id", RELATED_NOT_FOUND);
      }
    }
    maxLength(problems, input, "destination", "tracking_number", "notes");
    problems.optionalDate("date", input.trimmed("date"));
    if (!problems.isEmpty()) {
      reject(ctx, "certified_post", vault, submission, problems);
      return;
    }
    String date = dateOrToday(input);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("service_type", serviceType);
    fields.put("destination", destination);
    fields.put("tracking_number", RecordsSupport.blankToNull(input.trimmed("tracking_number")));
    fields.put("served_date", date);
    fields.put("notes", RecordsSupport.blankToNull(input.trimmed("notes")));
    related.ifPresent(d -> describe(fields, d));
    Certificate record =
        record(ctx, vault, submission, "service_receipt", "receipt", "certified_post", fields);
    logbook.link(
        ctx,
        vault,
        date,
        "Notice served (" + serviceType.replace('_', ' ') + ") to " + destination,
        "communication",
        related.map(Document::docId).orElse(null),
        "certified_post");
    respond(ctx, "/certified_post", record);
  }

  /** {@code POST /court_clerk}. */
  public void courtClerk(Context ctx) throws IOException {
    Vault vault = support.vault(ctx);
    Submission submission = receive(ctx, vault);
    FormInput input = submission.input();
    String court = input.trimmed("court_name");
    String relatedId = input.trimmed("related_doc_id");
    Problems problems = Problems.firstOnly();
    if (court.isEmpty() || relatedId.isEmpty()) {
      problems.add(court.isEmpty() ? "court_name" : "related_doc_id", FILING_REQUIRED);
    }
    Optional<Document> related = vault.manifest().document(relatedId);
    if (related.isEmpty()) {
      problems.notFound("related_doc_id", RELATED_NOT_FOUND);
    }
    String method =
        input.trimmed("submission_method").isEmpty()
            ? "in_person"
            : input.trimmed("submission_method");
    String status = input.trimmed("status").isEmpty() ? "submitted" : input.trimmed("status");
    if (!SUBMISSION_METHODS.contains(method)) {
      problems.add("submission_method", Message.of("validation.submissionMethod"));
    }
    if (!FILING_STATUSES.contains(status)) {
      problems.add("status", Message.of("validation.filingStatus"));
    }
    maxLength(problems, input, "court_name", "case_number", "filing_type", "notes");
    problems.optionalDate("date", input.trimmed("date"));
    if (!problems.isEmpty()) {
      reject(ctx, "court_clerk", vault, submission, problems);
      return;
    }
    String date = dateOrToday(input);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("court_name", court);
    fields.put("case_number", RecordsSupport.blankToNull(input.trimmed("case_number")));
    fields.put("filing_type", RecordsSupport.blankToNull(input.trimmed("filing_type")));
    fields.put("submission_method", method);
    fields.put("status", status);
    fields.put("filed_date", date);
    fields.put("notes", RecordsSupport.blankToNull(input.trimmed("notes")));
    describe(fields, related.orElseThrow());
    Certificate record =
        record(
            ctx, vault, submission, "stamped_copy", "stamped_copy", "court_clerk_filing", fields);
    logbook.link(
        ctx,
        vault,
        date,
        "Filed with " + court + " (" + status + ")",
        "court",
        relatedId,
        "court_clerk_filing");
    respond(ctx, "/court_clerk", record);
  }

  /** {@code POST /notary}: attests an existing document, or a new upload stored first. */
  public void notary(Context ctx) throws IOException {
    Vault vault = support.vault(ctx);
    Submission submission = receive(ctx, vault);
    FormInput input = submission.input();
    String docId = input.trimmed("doc_id");
    Problems problems = Problems.firstOnly();
    Optional<Document> existing = Optional.empty();
    if (submission.blob() == null && docId.isEmpty()) {
      problems.add("doc_id", ATTEST_REQUIRED);
    } else if (submission.blob() == null) {
      existing = vault.manifest().document(docId);
      if (existing.isEmpty()) {
        problems.notFound("doc_id", RELATED_NOT_FOUND);
      }
    }
    maxLength(problems, input, "notes");
    if (!problems.isEmpty()) {
      reject(ctx, "notary", vault, submission, problems);
      return;
    }
    events.requireWritable();
    Document attested =
        existing.isPresent() ? existing.get() : commitUpload(ctx, vault, submission, "attested");
    Map<String, Object> fields = new LinkedHashMap<>();
    describe(fields, attested);
    fields.put("statement", NOT_NOTARIZATION);
    fields.put("notes", RecordsSupport.blankToNull(input.trimmed("notes")));
    Certificate record =
        vault.appendRecord("notary_attestation", fields, RequestAttributes.requestId(ctx));
    respond(ctx, "/notary", record);
  }

  /** {@code GET /vault/certificates}: every service, filing and attestation record. */
  public void certificates(Context ctx) {
    Vault vault = support.vault(ctx);
    List<Certificate> records = vault.manifest().records(RECORD_TYPES);
    if (ResponseFormat.wantsHtml(ctx)) {
      support.pages.render(ctx, "certificates.jte", Map.of("records", records));
    } else {
      ctx.json(Map.of("certificates", records.stream().map(CertificateJson::of).toList()));
    }
  }

  private Submission receive(Context ctx, Vault vault) throws IOException {
    String type = ctx.contentType();
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      UploadReceiver.Received received =
          receiver.receiveOptional(ctx, vault, limits.maxUploadBytes(), limits.quotaBytes());
      Map<String, List<String>> fields = new HashMap<>();
      received.fields().forEach((name, value) -> fields.put(name, List.of(value)));
      return new Submission(FormInput.of(fields), received.blob(), received.originalName());
    }
    return new Submission(RecordsSupport.input(ctx), null, null);
  }

  /** Stores the submission's file (if any) as a document, then appends the record. */
  private Certificate record(
      Context ctx,
      Vault vault,
      Submission submission,
      String category,
      String prefix,
      String recordType,
      Map<String, Object> fields)
      throws IOException {
    events.requireWritable();
    if (submission.blob() != null) {
      Document file = commitUpload(ctx, vault, submission, category);
      fields.put(prefix + "_doc_id", file.docId());
      fields.put(prefix + "_sha256", file.sha256());
    }
    return vault.appendRecord(recordType, fields, RequestAttributes.requestId(ctx));
  }

  private Document commitUpload(Context ctx, Vault vault, Submission submission, String category)
      throws IOException {
    NewDocument meta =
        new NewDocument(FileNames.sanitise(submission.originalName()), category, null, null);
    try {
      return vault.commit(submission.blob(), meta, RequestAttributes.requestId(ctx)).document();
    } catch (IOException | RuntimeException e) {
      vault.discard(submission.blob());
      throw e;
    }
  }

  private static void describe(Map<String, Object> fields, Document document) {
    fields.put("doc_id", document.docId());
    fields.put("sha256", document.sha256());
    fields.put("filename", document.filename());
  }

  /** The form again with its one problem (the upload, if any, discarded), or JSON. */
  private void reject(
      Context ctx, String tracker, Vault vault, Submission submission, Problems problems)
      throws IOException {
    if (submission.blob() != null) {
      vault.discard(submission.blob());
    }
    Message message = problems.first();
    support.answers.invalid(
        ctx,
        problems,
        message,
        c ->
            render(
                c,
                problems.status(),
                tracker,
                vault,
                submission.input(),
                message,
                problems.fields()));
  }

  private void respond(Context ctx, String page, Certificate record) {
    support.answers.done(
        ctx,
        page,
        201,
        CertificateJson.of(record),
        org.semptify.web.Notice.of(
            Message.of("status.recorded"),
            new org.semptify.web.Notice.Link("status.historyNext", "/records/audit")));
  }

  private void render(
      Context ctx,
      int status,
      String tracker,
      Vault vault,
      FormInput input,
      Message message,
      Map<String, Message> problems) {
    String recordType = RECORD_TYPE_OF_PAGE.get(tracker);
    Map<String, Object> params = new HashMap<>();
    params.put("tracker", tracker);
    params.put("input", input);
    params.put("message", message);
    params.put("errors", problems);
    params.put("documents", vault.manifest().documents());
    params.put("records", vault.manifest().records(List.of(recordType)));
    params.put("serviceTypes", SERVICE_TYPES);
    params.put("methods", SUBMISSION_METHODS);
    params.put("statuses", FILING_STATUSES);
    ctx.status(status);
    support.pages.render(ctx, "tracker.jte", params);
  }

  private static void maxLength(Problems problems, FormInput input, String... names) {
    for (String name : names) {
      problems.maxLength(name, input.trimmed(name), MAX_TEXT);
    }
  }

  private String dateOrToday(FormInput input) {
    String date = input.trimmed("date");
    return RecordsSupport.isDate(date) ? date : support.today();
  }
}

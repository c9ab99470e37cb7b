package org.semptify.records.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.semptify.documents.DocumentContent;
import org.semptify.documents.DocumentSaver;
import org.semptify.documents.FormInput;
import org.semptify.i18n.Message;
import org.semptify.i18n.Translator;
import org.semptify.ops.EventLog;
import org.semptify.records.LedgerCsv;
import org.semptify.records.LedgerEntry;
import org.semptify.records.LedgerView;
import org.semptify.records.Money;
import org.semptify.records.Records;
import org.semptify.records.RecordsStore;
import org.semptify.vault.Manifest;
import org.semptify.vault.Vault;
import org.semptify.web.Problems;
import org.semptify.web.RequestAttributes;
import org.semptify.web.ResponseFormat;

/**
 * {@code /ledger}: rent, fees, payments and credits with exact money, a running balance, totals, a
 * balance chart, CSV export and a PDF statement saved into the vault.
 */
public final class LedgerHandlers {
  static final List<String> TYPES = List.of("rent", "fee", "payment", "credit");
  static final int MAX_NOTE = 500;

  private final RecordsSupport support;
  private final DocumentSaver saver;
  private final EventLog events;

  LedgerHandlers(RecordsSupport support, DocumentSaver saver, EventLog events) {
    this.support = support;
    this.saver = saver;
    this.events = events;
  }

  /** {@code GET /ledger}: the page (with {@code ?edit=ID} the form edits that entry), or JSON. */
  public void page(Context ctx) {
    Vault vault = support.vault(ctx);
    Records records = support.store.load(vault);
    LedgerView view = new LedgerView(records.ledger());
    if (!ResponseFormat.wantsHtml(ctx)) {
      ctx.json(json(view));
      return;
    }
    String editId = ctx.queryParam("edit");
    FormInput input =
        FormInput.of(Map.of("date", List.of(support.today()), "type", List.of("rent")));
    if (editId != null) {
      LedgerEntry entry = find(records, editId);
      input = asInput(entry, support.pages.translator(ctx).language());
    }
    render(ctx, vault, view, input, Map.of(), null, editId == null ? "" : editId);
  }

  /** {@code POST /ledger}. */
  public void add(Context ctx) throws IOException {
    Vault vault = support.vault(ctx);
    String id = support.store.newId('l');
    save(ctx, vault, id, null);
  }

  /** {@code POST /ledger/{id}}. */
  public void edit(Context ctx) throws IOException {
    Vault vault = support.vault(ctx);
    LedgerEntry shown = find(support.store.load(vault), ctx.pathParam("id"));
    save(ctx, vault, shown.id(), shown);
  }

  /**
   * Adds ({@code before} null) or edits an entry; an edit is applied to the entry as it is under
   * the vault's lock (404 if a delete got there first).
   */
  private void save(Context ctx, Vault vault, String id, LedgerEntry before) throws IOException {
    FormInput input = RecordsSupport.input(ctx);
    Manifest manifest = vault.manifest();
    Problems problems = Problems.collect();
    String date = input.trimmed("date");
    if (!RecordsSupport.isDate(date)) {
      problems.add("date", RecordsSupport.BAD_DATE);
    }
    String type = input.trimmed("type");
    if (!TYPES.contains(type)) {
      problems.add("type", Message.of("validation.ledgerType"));
    }
    // A person types the amount as their language writes it; programs keep the English form.
    long cents =
        ResponseFormat.wantsHtml(ctx)
            ? Money.parseCents(support.pages.translator(ctx).language(), input.trimmed("amount"))
            : Money.parseCents(input.trimmed("amount"));
    if (cents < 0) {
      problems.add("amount", Money.INVALID);
    }
    String note = input.trimmed("note");
    problems.maxLength("note", note, MAX_NOTE);
    String receipt = input.trimmed("receipt_doc_id");
    if (!receipt.isEmpty() && manifest.document(receipt).isEmpty()) {
      problems.add("receipt_doc_id", Message.of("validation.receiptGone"));
    }
    if (!problems.isEmpty()) {
      Message message = problems.has("amount") ? Money.INVALID : RecordsSupport.FIX_FIELDS;
      String editId = before == null ? "" : id;
      support.answers.invalid(
          ctx,
          problems,
          message,
          c -> {
            LedgerView view = new LedgerView(support.store.load(vault).ledger());
            support.pages.render(
                c, "ledger.jte", params(manifest, view, input, problems.fields(), message, editId));
          });
      return;
    }
    events.requireWritable();
    LedgerEntry entry =
        new LedgerEntry(
            id,
            date,
            type,
            cents,
            note.isEmpty() ? null : note,
            receipt.isEmpty() ? null : receipt);
    boolean adding = before == null;
    support.store.apply(
        vault,
        support.change(ctx, adding ? "ledger.add" : "ledger.edit", id),
        r ->
            new RecordsStore.Edit(
                adding ? null : find(r, id),
                entry,
                r.withLedger(Records.upsert(r.ledger(), entry, e -> e.id().equals(id)))));
    support.answers.done(
        ctx,
        "/ledger",
        before == null ? 201 : 200,
        entryJson(entry, null),
        org.semptify.web.Notice.of(
            Message.of(before == null ? "status.ledgerAdded" : "status.ledgerChanged"),
            new org.semptify.web.Notice.Link("status.ledgerNext", "/ledger#entries-heading")));
  }

  /** {@code POST /ledger/{id}/delete}. */
  public void delete(Context ctx) throws IOException {
    Vault vault = support.vault(ctx);
    String id = find(support.store.load(vault), ctx.pathParam("id")).id();
    events.requireWritable();
    support.store.apply(
        vault,
        support.change(ctx, "ledger.delete", id),
        r ->
            new RecordsStore.Edit(
                find(r, id),
                null,
                r.withLedger(Records.without(r.ledger(), e -> e.id().equals(id)))));
    support.answerDeleted(ctx, "/ledger", id);
  }

  /** {@code GET /ledger.csv}. */
  public void csv(Context ctx) {
    Vault vault = support.vault(ctx);
    LedgerView view = new LedgerView(support.store.load(vault).ledger());
    ctx.header("Content-Disposition", "attachment; filename=\"rent-ledger.csv\"");
    ctx.contentType("text/csv; charset=utf-8").result(LedgerCsv.render(view));
  }

  /** {@code POST /ledger/statement}: the ledger as a PDF (and text twin) in the vault. */
  public void statement(Context ctx) throws IOException {
    Vault vault = support.vault(ctx);
    LedgerView view = new LedgerView(support.store.load(vault).ledger());
    events.requireWritable();
    String today = support.today();
    Map<String, Object> attestation = new LinkedHashMap<>();
    attestation.put("doc_type", "rent_ledger_statement");
    attestation.put("entries", view.rows().size());
    attestation.put("balance", Money.format(view.balanceCents()));
    Translator text = support.pages.translator(ctx);
    DocumentSaver.Saved saved =
        saver.store(
            vault,
            statementContent(view, today, text),
            new DocumentSaver.Naming(
                "rent-ledger-statement-" + today,
                "rent_ledger_statement",
                "Rent ledger statement",
                today),
            attestation,
            text,
            RequestAttributes.requestId(ctx));
    support.answers.done(
        ctx,
        "/vault?new=" + URLEncoder.encode(saved.pdf().docId(), StandardCharsets.UTF_8),
        201,
        Map.of("pdf_doc_id", saved.pdf().docId(), "text_doc_id", saved.text().docId()),
        org.semptify.web.Notice.savedDocument(saved.pdf().filename(), saved.pdf().docId()));
  }

  static DocumentContent statementContent(LedgerView view, String today, Translator t) {
    List<List<String>> rows = new ArrayList<>();
    for (LedgerView.Row row : view.rows()) {
      LedgerEntry entry = row.entry();
      rows.add(
          List.of(
              t.date(entry.date()),
              t.label("ledger.type", entry.type()),
              t.money(entry.amountCents()),
              t.money(row.balanceCents()),
              entry.note() == null ? "" : entry.note()));
    }
    return new DocumentContent(
        t.t("doc.ledger.title"),
        List.of(
            new DocumentContent.Paragraph(t.t("doc.ledger.date", today)),
            new DocumentContent.Table(
                List.of(
                    t.t("rec.date"),
                    t.t("rec.type"),
                    t.t("ledger.amount"),
                    t.t("ledger.balance"),
                    t.t("ledger.note")),
                rows,
                List.of(1.3f, 1f, 1.3f, 1.3f, 3f),
                t.t("doc.ledger.none")),
            new DocumentContent.Heading(t.t("ledger.totals")),
            new DocumentContent.Paragraph(
                t.t(
                    "doc.ledger.totals",
                    t.money(view.chargedCents()),
                    t.money(view.paidCents()),
                    t.money(view.creditCents()),
                    t.money(view.balanceCents())))));
  }

  private static LedgerEntry find(Records records, String id) {
    return records.ledger().stream()
        .filter(e -> e.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new NotFoundResponse("no such ledger entry"));
  }

  /** An entry as its edit form shows it: the amount as the page's language writes it. */
  private static FormInput asInput(LedgerEntry entry, org.semptify.i18n.Language language) {
    Map<String, List<String>> values = new HashMap<>();
    values.put("date", List.of(entry.date()));
    values.put("type", List.of(entry.type()));
    String amount = Money.format(entry.amountCents());
    if (language == org.semptify.i18n.Language.ES) {
      amount = org.semptify.i18n.Formats.money(language, entry.amountCents()).replace(" $", "");
    }
    values.put("amount", List.of(amount));
    values.put("note", List.of(entry.note() == null ? "" : entry.note()));
    values.put("receipt_doc_id", List.of(entry.receiptDocId() == null ? "" : entry.receiptDocId()));
    return FormInput.of(values);
  }

  private void render(
      Context ctx,
      Vault vault,
      LedgerView view,
      FormInput input,
      Map<String, Message> problems,
      Message message,
      String editId) {
    support.pages.render(
        ctx, "ledger.jte", params(vault.manifest(), view, input, problems, message, editId));
  }

  private static Map<String, Object> params(
      Manifest manifest,
      LedgerView view,
      FormInput input,
      Map<String, Message> problems,
      Message message,
      String editId) {
    Map<String, Object> params = new HashMap<>();
    params.put("view", view);
    params.put("input", input);
    params.put("errors", problems);
    params.put("message", message);
    params.put("editId", editId);
    params.put("documents", manifest.documents());
    params.put("types", TYPES);
    return params;
  }

  private static Map<String, Object> json(LedgerView view) {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (LedgerView.Row row : view.rows()) {
      entries.add(entryJson(row.entry(), Money.format(row.balanceCents())));
    }
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("charged", Money.format(view.chargedCents()));
    totals.put("paid", Money.format(view.paidCents()));
    totals.put("credits", Money.format(view.creditCents()));
    totals.put("balance", Money.format(view.balanceCents()));
    return Map.of("entries", entries, "totals", totals);
  }

  private static Map<String, Object> entryJson(LedgerEntry entry, String balance) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", entry.id());
    json.put("date", entry.date());
    json.put("type", entry.type());
    json.put("amount", Money.format(entry.amountCents()));
    json.put("note", entry.note());
    json.put("receipt_doc_id", entry.receiptDocId());
    if (balance != null) {
      json.put("balance", balance);
    }
    return json;
  }
}

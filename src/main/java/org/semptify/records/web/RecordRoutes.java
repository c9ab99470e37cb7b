package org.semptify.records.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.semptify.config.VaultSettings;
import org.semptify.documents.DocumentSaver;
import org.semptify.documents.web.SavedDocumentListener;
import org.semptify.ops.EventLog;
import org.semptify.records.AuditEntry;
import org.semptify.records.Calendar;
import org.semptify.records.LedgerCsv;
import org.semptify.records.LedgerView;
import org.semptify.records.Records;
import org.semptify.records.RecordsStore;
import org.semptify.security.web.Sessions;
import org.semptify.users.web.UserAuthenticator;
import org.semptify.vault.ExportExtras;
import org.semptify.vault.Vault;
import org.semptify.vault.VaultStorage;
import org.semptify.vault.web.UploadReceiver;
import org.semptify.web.ErrorResponder;
import org.semptify.web.Pages;
import org.semptify.web.ResponseFormat;
import org.semptify.web.RouteTable;

/**
 * The tenant's records — ledger, logbook, contacts, trackers, certificates and the audit trail —
 * assembled from their parts, with their routes.
 */
public final class RecordRoutes {
  private final RecordsSupport support;
  private final LedgerHandlers ledger;
  private final LogbookHandlers logbook;
  private final ContactHandlers contacts;
  private final TrackerHandlers trackers;

  public RecordRoutes(
      UserAuthenticator auth,
      VaultStorage storage,
      Sessions sessions,
      Pages pages,
      ErrorResponder errors,
      EventLog events,
      DocumentSaver saver,
      UploadReceiver receiver,
      VaultSettings limits,
      ObjectMapper json,
      Clock clock) {
    this.support =
        new RecordsSupport(
            auth,
            storage,
            new RecordsStore(json, clock),
            new Actor(sessions),
            pages,
            errors,
            clock);
    this.ledger = new LedgerHandlers(support, saver, events);
    this.logbook = new LogbookHandlers(support, events, clock);
    this.contacts = new ContactHandlers(support, events);
    this.trackers = new TrackerHandlers(support, receiver, limits, logbook, events);
  }

  public void register(RouteTable routes) {
    routes.get("/ledger", ledger::page);
    routes.post("/ledger", ledger::add);
    routes.get("/ledger.csv", ledger::csv);
    routes.post("/ledger/statement", ledger::statement);
    routes.post("/ledger/{id}", ledger::edit);
    routes.post("/ledger/{id}/delete", ledger::delete);

    routes.get("/logbook", logbook::page);
    routes.post("/logbook", logbook::add);
    routes.get("/logbook.ics", logbook::ics);
    routes.post("/logbook/{id}", logbook::edit);
    routes.post("/logbook/{id}/delete", logbook::delete);

    routes.get("/contacts", contacts::page);
    routes.post("/contacts", contacts::add);
    routes.post("/contacts/{id}", contacts::edit);
    routes.post("/contacts/{id}/delete", contacts::delete);

    routes.get("/certified_post", ctx -> trackers.page(ctx, "certified_post"));
    routes.upload("/certified_post", trackers::certifiedPost);
    routes.get("/court_clerk", ctx -> trackers.page(ctx, "court_clerk"));
    routes.upload("/court_clerk", trackers::courtClerk);
    routes.get("/notary", ctx -> trackers.page(ctx, "notary"));
    routes.upload("/notary", trackers::notary);
    routes.get("/vault/certificates", trackers::certificates);

    routes.get("/records/audit", this::audit);
  }

  /** {@code GET /records/audit}: every change to the records, newest first. */
  private void audit(Context ctx) {
    Vault vault = support.vault(ctx);
    List<AuditEntry> entries = new ArrayList<>(support.store.load(vault).audit());
    Collections.reverse(entries);
    if (ResponseFormat.wantsHtml(ctx)) {
      support.pages.render(ctx, "audit.jte", Map.of("entries", entries));
    } else {
      ctx.json(Map.of("audit", entries));
    }
  }

  /**
   * The records in a vault's export: the ledger as CSV, the logbook as a calendar, and all of it
   * (contacts and the audit trail included) as JSON.
   */
  public ExportExtras exportFiles(ObjectMapper json, Clock clock) {
    return vault -> {
      Records records = support.store.load(vault);
      Map<String, byte[]> files = new java.util.LinkedHashMap<>();
      files.put(
          "records/ledger.csv",
          LedgerCsv.render(new LedgerView(records.ledger())).getBytes(StandardCharsets.UTF_8));
      files.put(
          "records/logbook.ics",
          Calendar.render(
                  LogbookHandlers.chronological(records.logbook()),
                  java.time.Instant.ofEpochMilli(clock.millis()))
              .getBytes(StandardCharsets.UTF_8));
      try {
        files.put(
            "records/records.json",
            json.writerWithDefaultPrettyPrinter().writeValueAsBytes(records));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      return files;
    };
  }

  /** A saved signed form gets a logbook entry that links to its PDF. */
  public SavedDocumentListener logbookLink() {
    return (ctx, vault, form, saved, date) ->
        logbook.link(
            ctx, vault, date, form.title() + " saved", "other", saved.pdf().docId(), form.name());
  }
}

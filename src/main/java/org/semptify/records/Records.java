package org.semptify.records;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A user's records, stored encrypted beside their vault: ledger, logbook, contacts and the audit
 * trail of every change to them. Immutable; each change makes a new value.
 */
public record Records(
    List<LedgerEntry> ledger,
    List<LogEvent> logbook,
    List<Contact> contacts,
    List<AuditEntry> audit) {
  public Records {
    ledger = ledger == null ? List.of() : List.copyOf(ledger);
    logbook = logbook == null ? List.of() : List.copyOf(logbook);
    contacts = contacts == null ? List.of() : List.copyOf(contacts);
    audit = audit == null ? List.of() : List.copyOf(audit);
  }

  public static Records empty() {
    return new Records(List.of(), List.of(), List.of(), List.of());
  }

  public Records withLedger(List<LedgerEntry> entries) {
    return new Records(entries, logbook, contacts, audit);
  }

  public Records withLogbook(List<LogEvent> events) {
    return new Records(ledger, events, contacts, audit);
  }

  public Records withContacts(List<Contact> people) {
    return new Records(ledger, logbook, people, audit);
  }

  Records withAudit(AuditEntry entry) {
    List<AuditEntry> trail = new ArrayList<>(audit);
    trail.add(entry);
    return new Records(ledger, logbook, contacts, trail);
  }

  /** {@code list} with {@code item} added, or replacing the item {@code sameId} matches. */
  public static <T> List<T> upsert(List<T> list, T item, Predicate<T> sameId) {
    List<T> updated = new ArrayList<>();
    boolean replaced = false;
    for (T existing : list) {
      if (sameId.test(existing)) {
        updated.add(item);
        replaced = true;
      } else {
        updated.add(existing);
      }
    }
    if (!replaced) {
      updated.add(item);
    }
    return updated;
  }

  public static <T> List<T> without(List<T> list, Predicate<T> sameId) {
    return list.stream().filter(sameId.negate()).toList();
  }
}

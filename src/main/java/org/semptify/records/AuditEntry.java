package org.semptify.records;

import java.util.Map;

/**
 * One change to the owner's records, appended and never edited.
 *
 * @param who the session (or API token use) that made it
 * @param action for example {@code ledger.add}, {@code contacts.edit}, {@code logbook.delete}
 * @param changes field → new value (added), "old → new" (edited) or old value (deleted)
 */
public record AuditEntry(
    String at,
    String who,
    String action,
    String recordId,
    Map<String, String> changes,
    String requestId) {}

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
    String requestId) {
  private static final java.util.Set<String> SAID =
      java.util.Set.of(
          "ledger.add",
          "ledger.edit",
          "ledger.delete",
          "logbook.add",
          "logbook.edit",
          "logbook.delete",
          "contacts.add",
          "contacts.edit",
          "contacts.delete");

  /** The message key that says this change in words ("You added a ledger entry: …"). */
  public String sentenceKey() {
    return SAID.contains(action) ? "audit.say." + action : "audit.say.other";
  }

  /**
   * What the change was about, in the owner's own words where the record has them: a ledger entry's
   * type and amount, a logbook event's title, a contact's name.
   */
  public String subject() {
    String area = action.contains(".") ? action.substring(0, action.indexOf('.')) : action;
    String subject =
        switch (area) {
          case "ledger" -> join(changes.get("type"), amount(changes.get("amountCents")));
          case "logbook" -> join(changes.get("title"), changes.get("date"));
          case "contacts" -> join(changes.get("name"), changes.get("role"));
          default -> "";
        };
    return subject.isEmpty() ? action : subject;
  }

  /** A stored amount in cents as money ("$1,250.00"); an edit's "old → new" as it is. */
  private static String amount(String cents) {
    if (cents == null || !cents.matches("-?[0-9]{1,18}")) {
      return cents;
    }
    return Money.display(Long.parseLong(cents));
  }

  private static String join(String first, String second) {
    StringBuilder out = new StringBuilder();
    for (String part : new String[] {first, second}) {
      if (part != null && !part.isBlank()) {
        out.append(out.length() == 0 ? "" : ", ").append(part);
      }
    }
    return out.toString();
  }
}

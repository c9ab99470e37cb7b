package org.semptify.ops;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The catalogue of security events: every name that can appear in {@code logs/events.log}, what it
 * means, and the payload fields it may carry. SECURITY.md documents this same table.
 */
public enum EventType {
  SERVER_STARTED("the server started", EventField.MODE),
  SERVER_STOPPED("the server stopped after letting requests in flight finish"),
  ERROR(
      "an unhandled exception answered 500 (class name only: messages may carry input)",
      EventField.EXCEPTION,
      EventField.ROUTE,
      EventField.METHOD),
  STORAGE_UNAVAILABLE(
      "a write failed (reason: no_space, read_only or io_error); the request answered 507 and"
          + " changed nothing",
      EventField.ROUTE,
      EventField.METHOD,
      EventField.REASON),
  ADMIN_AUTH(
      "an admin request authenticated (method: header, query, form, session or legacy_env)",
      EventField.TOKEN_ID,
      EventField.METHOD,
      EventField.IP),
  ADMIN_AUTH_FAILED(
      "an admin request presented no valid token",
      EventField.IP,
      EventField.PATH,
      EventField.REASON),
  ADMIN_LOGOUT("an admin ended their session", EventField.TOKEN_ID, EventField.IP),
  BREAKGLASS_USED(
      "a one-shot breakglass token was used and consumed", EventField.IP, EventField.TOKEN_ID),
  RATE_LIMITED("a request was denied by a rate limit", EventField.IP, EventField.PATH),
  OPEN_MODE_ACCESS(
      "an admin page was used in SECURITY_MODE=open (no token checked)",
      EventField.IP,
      EventField.PATH),
  CSRF_FAILED(
      "a state-changing request had a missing or wrong CSRF token, or came cross-site",
      EventField.IP,
      EventField.PATH,
      EventField.REASON),
  TOKEN_CREATED(
      "an admin token was created",
      EventField.TOKEN_ID,
      EventField.BREAKGLASS,
      EventField.EXPIRES_TS,
      EventField.ACTOR_TOKEN_ID,
      EventField.SOURCE,
      EventField.ROLE),
  TOKEN_ROTATION(
      "an admin token's value was replaced; the old value stopped working",
      EventField.TOKEN_ID,
      EventField.ACTOR_TOKEN_ID,
      EventField.SOURCE),
  TOKEN_DISABLED(
      "an admin token was disabled",
      EventField.TOKEN_ID,
      EventField.ACTOR_TOKEN_ID,
      EventField.SOURCE),
  TOKEN_ENABLED(
      "an admin token was enabled",
      EventField.TOKEN_ID,
      EventField.ACTOR_TOKEN_ID,
      EventField.SOURCE),
  TOKENS_MIGRATED(
      "plaintext tokens in admin_tokens.json were rewritten as hashes",
      EventField.COUNT,
      EventField.SOURCE),
  TOKEN_FILE_INVALID(
      "a token file does not parse: no token from it is accepted until it is fixed",
      EventField.FILE,
      EventField.REASON),
  PLAINTEXT_TOKEN_IN_FILE(
      "admin_tokens.json holds plaintext tokens; run 'semptify admin-token migrate'",
      EventField.FILE,
      EventField.COUNT),
  USER_DISABLED(
      "a user account was disabled",
      EventField.USER_ID,
      EventField.ACTOR_TOKEN_ID,
      EventField.SOURCE),
  USER_ENABLED(
      "a user account was enabled",
      EventField.USER_ID,
      EventField.ACTOR_TOKEN_ID,
      EventField.SOURCE),
  USER_REGISTERED("an anonymous account was created", EventField.USER_ID),
  USER_AUTH_FAILED(
      "a vault request presented no valid user token", EventField.IP, EventField.REASON),
  USER_TOKEN_ROTATED(
      "a user replaced their token; the old one stopped working", EventField.USER_ID),
  VAULT_UPLOAD(
      "a document entered a vault (no file name: the chain head anchors the user's chain in time)",
      EventField.USER_ID,
      EventField.DOC_ID,
      EventField.SIZE,
      EventField.CHAIN_HEAD),
  VAULT_DELETE(
      "a document's bytes were removed; a deletion record was appended to the chain",
      EventField.USER_ID,
      EventField.DOC_ID,
      EventField.CHAIN_HEAD),
  SHARE_CREATED(
      "a read-only, time-limited share of a vault was created",
      EventField.USER_ID,
      EventField.SHARE_ID,
      EventField.COUNT,
      EventField.EXPIRES_TS),
  SHARE_REVOKED(
      "a share was revoked; its key wrap was deleted", EventField.USER_ID, EventField.SHARE_ID),
  SHARE_ACCESS(
      "a share link was used (the owner is not named)", EventField.SHARE_ID, EventField.IP),
  VAULT_EXPORT("a vault was exported as a verifiable ZIP", EventField.USER_ID, EventField.COUNT),
  EXPORT_FAILED(
      "an export broke off (a blob unreadable or not matching its certificate, or a write failed);"
          + " the connection was aborted before the ZIP was complete",
      EventField.USER_ID,
      EventField.REASON),
  WITNESS_STATEMENT_SAVED(
      "a signed witness statement (PDF and text twin) was saved into a vault",
      EventField.USER_ID,
      EventField.DOC_ID),
  FILING_PACKET_SAVED(
      "a signed filing packet (PDF and text twin) was saved into a vault",
      EventField.USER_ID,
      EventField.DOC_ID),
  SERVICE_ANIMAL_SAVED(
      "a signed reasonable-accommodation request (PDF and text twin) was saved into a vault",
      EventField.USER_ID,
      EventField.DOC_ID),
  MOVE_CHECKLIST_SAVED(
      "a signed move-in/move-out checklist (PDF and text twin) was saved into a vault",
      EventField.USER_ID,
      EventField.DOC_ID),
  USER_EXPIRY_SET(
      "a user account's expiry was set",
      EventField.USER_ID,
      EventField.EXPIRES_TS,
      EventField.ACTOR_TOKEN_ID,
      EventField.SOURCE),
  REPAIR_REQUEST_SAVED(
      "a signed repair-request letter (PDF and text twin) was saved into a vault",
      EventField.USER_ID,
      EventField.DOC_ID),
  VAULT_DELETED(
      "a vault was deleted for good: its key, files, records, shares and account are gone",
      EventField.USER_ID),
  ADMIN_FORBIDDEN(
      "an admin's role does not allow this route or action (counted by the admin rate limit)",
      EventField.TOKEN_ID,
      EventField.ROUTE,
      EventField.ACTION,
      EventField.IP),
  TOKEN_ROLE_CHANGED(
      "an admin token was given another role",
      EventField.TOKEN_ID,
      EventField.ROLE,
      EventField.SOURCE),
  INCIDENT_NOTE(
      "an operator's note on an incident (free text, scrubbed and at most 1000 characters)",
      EventField.TEXT,
      EventField.INCIDENT_ID,
      EventField.ACTOR_TOKEN_ID,
      EventField.SOURCE),
  BACKUP_CREATED(
      "an online backup of the data root was written (counts only)",
      EventField.ACCOUNTS,
      EventField.VAULTS,
      EventField.DOCUMENTS,
      EventField.BYTES),
  BACKUP_RESTORED(
      "a verified backup was restored into this empty data root (counts only)",
      EventField.ACCOUNTS,
      EventField.VAULTS,
      EventField.DOCUMENTS,
      EventField.BYTES),
  STORE_MIGRATED(
      "a file data root was copied into the database (and bucket): what this run copied (accounts,"
          + " vaults, documents and blobs, bytes, events; counts only)",
      EventField.ACCOUNTS,
      EventField.VAULTS,
      EventField.DOCUMENTS,
      EventField.BYTES,
      EventField.COUNT);

  private final String description;
  private final Set<EventField> fields;

  EventType(String description, EventField... fields) {
    this.description = description;
    this.fields =
        fields.length == 0 ? EnumSet.noneOf(EventField.class) : EnumSet.of(fields[0], fields);
  }

  /** The name written to the log, e.g. {@code breakglass_used}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String description() {
    return description;
  }

  public Set<EventField> fields() {
    return fields;
  }
}

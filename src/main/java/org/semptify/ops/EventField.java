package org.semptify.ops;

/**
 * The only keys an event payload may carry. None of them can hold a token, a key or a password:
 * identifiers of tokens and users are random ids, never the secret itself.
 */
public enum EventField {
  IP("ip"),
  PATH("path"),
  METHOD("method"),
  ROUTE("route"),
  STATUS("status"),
  EXCEPTION("exception"),
  REASON("reason"),
  FILE("file"),
  MODE("mode"),
  TOKEN_ID("token_id"),
  ACTOR_TOKEN_ID("actor_token_id"),
  ACTION("action"),
  USER_ID("user_id"),
  DOC_ID("doc_id"),
  SHARE_ID("share_id"),
  SIZE("size"),
  CHAIN_HEAD("chain_head"),
  COUNT("count"),
  SOURCE("source"),
  BREAKGLASS("breakglass"),
  EXPIRES_TS("expires_ts"),
  ROLE("role"),
  INCIDENT_ID("incident_id"),
  TEXT("text"),
  ACCOUNTS("accounts"),
  VAULTS("vaults"),
  DOCUMENTS("documents"),
  BYTES("bytes");

  private final String key;

  EventField(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}

-- Semptify on PostgreSQL (SEMPTIFY_STORE=postgres), schema version 1: what security/ and logs/ hold
-- on files. The vault's manifests, records and chain heads come in later migrations (V2__...).
-- Times are epoch seconds (bigint) as in the files; *_ms columns are epoch milliseconds.

-- security/users.json: anonymous accounts, known by id and by the hash of their token.
CREATE TABLE users (
    seq               bigserial NOT NULL UNIQUE,       -- the order they were added
    id                text      PRIMARY KEY,
    hash              text      NOT NULL,              -- sha256:<hex> of the token, never the token
    created_ts        bigint    NOT NULL,
    enabled           boolean   NOT NULL,
    expires_ts        bigint,
    salt              text,
    wrapped_key       text,                            -- the vault key, wrapped by the token's key
    sessions_ended_ms bigint    NOT NULL DEFAULT 0,
    extras            jsonb     NOT NULL DEFAULT '{}'  -- fields this version does not interpret
);
CREATE INDEX users_hash ON users (hash);

-- security/admin_tokens.json: admin tokens as hashes; breakglass tokens are spent once (used_ts).
CREATE TABLE admin_tokens (
    seq               bigserial NOT NULL UNIQUE,
    id                text      PRIMARY KEY,
    hash              text,
    created_ts        bigint    NOT NULL,
    enabled           boolean   NOT NULL,
    breakglass        boolean   NOT NULL,
    expires_ts        bigint,
    used_ts           bigint,
    sessions_ended_ms bigint    NOT NULL DEFAULT 0,
    extras            jsonb     NOT NULL DEFAULT '{}'
);
CREATE INDEX admin_tokens_hash ON admin_tokens (hash);

-- uploads/shares/<id>.json: read-only grants; the only wrap of the vault key the share's token opens.
CREATE TABLE shares (
    share_id    text   PRIMARY KEY,
    user_id     text   NOT NULL,
    hash        text   NOT NULL,
    salt        text   NOT NULL,
    wrapped_key text   NOT NULL,
    created_ts  bigint NOT NULL,
    expires_ts  bigint NOT NULL,
    doc_ids     jsonb  NOT NULL
);
CREATE INDEX shares_user ON shares (user_id);

-- Sliding-window rate limits shared by every node: one row per counted attempt.
CREATE TABLE rate_limit_hits (
    limiter text   NOT NULL,  -- which limit (admin, register, auth_fail)
    key     text   NOT NULL,  -- a client address, or an address and a route
    at_ms   bigint NOT NULL
);
CREATE INDEX rate_limit_hits_key ON rate_limit_hits (limiter, key, at_ms);

-- logs/events.log: the audit events, same fields, in the order they were stored.
CREATE TABLE events (
    seq        bigserial     PRIMARY KEY,
    ts         numeric(20,3) NOT NULL,  -- epoch seconds with milliseconds
    event      text          NOT NULL,
    request_id text,
    payload    json          NOT NULL  -- json, not jsonb: keys keep their order
);
CREATE INDEX events_ts ON events (ts);

-- security/csrf.token, security/signing_key.pem: encrypted under a key derived from SEMPTIFY_SECRET
-- (AES-256-GCM, the name as associated data); created once by the first node, never replaced.
CREATE TABLE key_material (
    name       text   PRIMARY KEY,
    ciphertext bytea  NOT NULL,
    created_ts bigint NOT NULL
);

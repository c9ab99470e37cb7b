-- Vault documents (issue 20): each vault's manifest and records, ciphertext only (encrypted with a
-- key that only the user's token unlocks); the blobs live in the blob store.
CREATE TABLE vault_documents (
  user_id    text   NOT NULL,
  name       text   NOT NULL,
  version    bigint NOT NULL,
  content    bytea  NOT NULL,
  updated_ts bigint NOT NULL,
  PRIMARY KEY (user_id, name)
);

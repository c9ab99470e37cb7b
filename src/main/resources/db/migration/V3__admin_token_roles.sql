-- Admin roles (owner, operator, auditor). Tokens made before roles existed are owners, as a legacy
-- admin_tokens.json entry without "role" is.
ALTER TABLE admin_tokens ADD COLUMN role text NOT NULL DEFAULT 'owner'
    CHECK (role IN ('owner', 'operator', 'auditor'));

-- A manager can disable an account (it can no longer sign in; its tokens are revoked); null = active.
ALTER TABLE users ADD COLUMN disabled_at INTEGER;

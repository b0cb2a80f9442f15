-- Accounts can be disabled, and a password set by someone else (first start, a manager's reset) must be
-- changed by its user at the next login.
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0;

-- The lane's store-and-forward journal: events until central confirms them, and the nonces of accepted
-- commands (a replayed command is refused even after a restart). Outboxes made before these scripts have
-- exactly these tables and are recorded as version 1.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  payload BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  published_at INTEGER,
  confirmed_at INTEGER);
CREATE INDEX outbox_unconfirmed ON outbox(confirmed_at, seq);
CREATE TABLE seen_nonce (
  nonce TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL);

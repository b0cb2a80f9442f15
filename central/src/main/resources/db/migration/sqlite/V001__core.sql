-- Users of the HTTP API, their bearer tokens, and the append-only audit log.
CREATE TABLE users (
  username     TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  role         TEXT NOT NULL,
  salt         BLOB NOT NULL,
  hash         BLOB NOT NULL,
  iterations   INTEGER NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY,
  username   TEXT NOT NULL REFERENCES users(username),
  expires_at INTEGER NOT NULL
);
CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      INTEGER NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  subject TEXT,
  detail  TEXT
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- Lanes known to central: their post (for shifts and cash), MQTT credentials and command secret.
CREATE TABLE lanes (
  lane_id        TEXT PRIMARY KEY,
  post           TEXT NOT NULL,
  direction      TEXT NOT NULL,
  mqtt_salt      BLOB NOT NULL,
  mqtt_hash      BLOB NOT NULL,
  command_secret TEXT NOT NULL
);
CREATE TABLE lane_status (
  lane_id    TEXT PRIMARY KEY,
  online     INTEGER NOT NULL,
  at         INTEGER,
  barrier    TEXT,
  devices    TEXT,
  queue      INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);

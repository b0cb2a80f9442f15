-- Held vehicles and alarms a supervisor must resolve; shifts and handovers (form FM-RW528).
CREATE TABLE exceptions (
  id              TEXT PRIMARY KEY,
  event_id        TEXT NOT NULL UNIQUE,
  lane_id         TEXT NOT NULL,
  code            TEXT,
  plate           TEXT,
  plate_as_read   TEXT,
  card            TEXT,
  reason          TEXT,
  snapshot_ref    TEXT,
  opened_at       INTEGER NOT NULL,
  status          TEXT NOT NULL,
  escalated_at    INTEGER,
  claimed_by      TEXT,
  claimed_at      INTEGER,
  licence_no      TEXT,
  id_card_no      TEXT,
  statement       TEXT,
  signature_ref   TEXT,
  fee_fen         INTEGER,
  fee_action      TEXT,
  payment_method  TEXT,
  waive_reason    TEXT,
  outcome         TEXT,
  resolved_by     TEXT,
  resolved_at     INTEGER,
  command_id      TEXT,
  released_at     INTEGER
);
CREATE INDEX exceptions_status ON exceptions(status, opened_at);
CREATE TABLE shifts (
  id          TEXT PRIMARY KEY,
  post        TEXT NOT NULL,
  attendant   TEXT NOT NULL,
  started_at  INTEGER NOT NULL,
  ended_at    INTEGER
);
CREATE INDEX shifts_post ON shifts(post, started_at);
CREATE TABLE handovers (
  id                 TEXT PRIMARY KEY,
  form_no            TEXT NOT NULL,
  shift_id           TEXT NOT NULL UNIQUE REFERENCES shifts(id),
  post               TEXT NOT NULL,
  from_attendant     TEXT NOT NULL,
  to_attendant       TEXT NOT NULL,
  created_at         INTEGER NOT NULL,
  duty_notes         TEXT,
  walkie_talkies     INTEGER NOT NULL,
  keys               INTEGER NOT NULL,
  batons             INTEGER NOT NULL,
  flashlights        INTEGER NOT NULL,
  tickets            INTEGER NOT NULL,
  cash_fen           INTEGER NOT NULL,
  expected_cash_fen  INTEGER NOT NULL,
  remarks            TEXT,
  accepted_at        INTEGER,
  next_shift_id      TEXT,
  supervisor         TEXT,
  signed_at          INTEGER
);

-- PostgreSQL form of the SQLite script of the same number: BIGINT times and amounts; no WITHOUT ROWID
-- (a PostgreSQL table is a heap with a primary-key index either way). The primary key on event_id is what
-- stores every lane event exactly once.
CREATE TABLE lane_events (
  event_id       TEXT PRIMARY KEY,
  lane_id        TEXT NOT NULL,
  type           TEXT NOT NULL,
  occurred_at    BIGINT NOT NULL,
  received_at    BIGINT NOT NULL,
  plate          TEXT,
  plate_as_read  TEXT,
  colour         TEXT,
  confidence     INTEGER,
  card           TEXT,
  code           TEXT,
  reason         TEXT,
  fee_fen        BIGINT,
  payment_method TEXT,
  remark         TEXT,
  snapshot_ref   TEXT,
  related_id     TEXT
);
CREATE INDEX lane_events_time ON lane_events(occurred_at);
CREATE INDEX lane_events_plate ON lane_events(plate, occurred_at);
CREATE INDEX lane_events_lane ON lane_events(lane_id, occurred_at);
CREATE TABLE prepayments (
  id         TEXT PRIMARY KEY,
  plate      TEXT NOT NULL,
  amount_fen BIGINT NOT NULL,
  method     TEXT NOT NULL,
  paid_at    BIGINT NOT NULL,
  post       TEXT,
  taken_by   TEXT NOT NULL
);
CREATE INDEX prepayments_plate ON prepayments(plate, paid_at);

-- Every lane event exactly once (the agent's event id is the key), and the prepaid stays.
CREATE TABLE lane_events (
  event_id       TEXT PRIMARY KEY,
  lane_id        TEXT NOT NULL,
  type           TEXT NOT NULL,
  occurred_at    INTEGER NOT NULL,
  received_at    INTEGER NOT NULL,
  plate          TEXT,
  plate_as_read  TEXT,
  colour         TEXT,
  confidence     INTEGER,
  card           TEXT,
  code           TEXT,
  reason         TEXT,
  fee_fen        INTEGER,
  payment_method TEXT,
  remark         TEXT,
  snapshot_ref   TEXT,
  related_id     TEXT
) WITHOUT ROWID;
CREATE INDEX lane_events_time ON lane_events(occurred_at);
CREATE INDEX lane_events_plate ON lane_events(plate, occurred_at);
CREATE INDEX lane_events_lane ON lane_events(lane_id, occurred_at);
CREATE TABLE prepayments (
  id         TEXT PRIMARY KEY,
  plate      TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  method     TEXT NOT NULL,
  paid_at    INTEGER NOT NULL,
  post       TEXT,
  taken_by   TEXT NOT NULL
);
CREATE INDEX prepayments_plate ON prepayments(plate, paid_at);

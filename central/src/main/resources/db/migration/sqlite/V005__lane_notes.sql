-- Attendants' lane notes (damage seen on entry, goods check, supervisor call, escalation): durable and
-- attached to the passage of the plate they name, so the register row leads to them.
CREATE TABLE lane_notes (
  id               TEXT PRIMARY KEY,
  noted_at         INTEGER NOT NULL,
  lane_id          TEXT NOT NULL,
  post             TEXT,
  kind             TEXT NOT NULL,
  plate            TEXT,
  note             TEXT NOT NULL,
  by_user          TEXT NOT NULL,
  by_name          TEXT,
  passage_event_id TEXT
);
CREATE INDEX lane_notes_time ON lane_notes(noted_at);
CREATE INDEX lane_notes_lane ON lane_notes(lane_id, noted_at);
CREATE INDEX lane_notes_passage ON lane_notes(passage_event_id);

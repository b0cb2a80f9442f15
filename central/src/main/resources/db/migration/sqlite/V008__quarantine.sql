-- Lane events central could not take (bad dates, amounts out of bounds, undecodable): kept with the reason
-- and acknowledged, so one bad event neither blocks its lane's outbox nor its batch's good events.
CREATE TABLE quarantined_events (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  lane_id     TEXT NOT NULL,
  event_id    TEXT,
  received_at INTEGER NOT NULL,
  reason      TEXT NOT NULL,
  payload     TEXT NOT NULL
);
CREATE INDEX quarantined_events_lane ON quarantined_events(lane_id, received_at);

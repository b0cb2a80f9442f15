-- The camera frame kept as a passage's evidence (an imaging camera's snapshot), so the lane's own
-- register shows it too, not only central's.
ALTER TABLE passages ADD COLUMN snapshot_ref TEXT;

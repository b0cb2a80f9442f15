-- Work that must run once across several centrals sharing this database (escalation, long-stay scan):
-- the central named in holder does it until expires_at (epoch ms); another takes over once it has expired.
CREATE TABLE leases (
  name       TEXT PRIMARY KEY,
  holder     TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);

-- The resident registry (业主档案). Every change gets the next version in registry_change; deltas are
-- computed from it.
CREATE TABLE owners (id TEXT PRIMARY KEY, name TEXT NOT NULL, unit TEXT, phone TEXT);
CREATE TABLE vehicles (plate TEXT PRIMARY KEY, owner_id TEXT, colour TEXT, vehicle_class TEXT);
CREATE TABLE cards (number TEXT PRIMARY KEY, owner_id TEXT, plate TEXT, status TEXT NOT NULL);
CREATE TABLE passes (id TEXT PRIMARY KEY, plate TEXT NOT NULL, type TEXT NOT NULL, valid_from INTEGER NOT NULL,
                     valid_until INTEGER);
CREATE TABLE visitors (plate TEXT PRIMARY KEY, host_owner_id TEXT, valid_from INTEGER NOT NULL,
                       valid_until INTEGER NOT NULL, note TEXT);
CREATE TABLE blacklist (plate TEXT PRIMARY KEY, reason TEXT);
CREATE TABLE exemptions (plate TEXT PRIMARY KEY, approved_by TEXT, valid_from INTEGER NOT NULL,
                         valid_until INTEGER NOT NULL, reason TEXT);
CREATE TABLE registry_change (
  version INTEGER PRIMARY KEY,
  kind    TEXT NOT NULL,
  key     TEXT NOT NULL,
  op      TEXT NOT NULL,
  at      INTEGER NOT NULL,
  actor   TEXT NOT NULL
);
CREATE INDEX registry_change_key ON registry_change(kind, key);

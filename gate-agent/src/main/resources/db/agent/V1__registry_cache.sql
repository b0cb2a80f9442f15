-- The resident registry as central last sent it: the lane decides from it when central is unreachable.
-- Keys are the RegistryKey keys; times are epoch milliseconds; enums are stored by name.

CREATE TABLE registry_meta (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    version    INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
INSERT INTO registry_meta (id, version, updated_at) VALUES (1, 0, 0);

CREATE TABLE owners (
    id    TEXT PRIMARY KEY,
    name  TEXT,
    unit  TEXT,
    phone TEXT
) WITHOUT ROWID;

CREATE TABLE vehicles (
    plate         TEXT PRIMARY KEY,
    owner_id      TEXT,
    colour        TEXT,
    vehicle_class TEXT
) WITHOUT ROWID;

CREATE TABLE cards (
    number   TEXT PRIMARY KEY,
    owner_id TEXT,
    plate    TEXT,
    status   TEXT
) WITHOUT ROWID;

CREATE TABLE passes (
    id          TEXT PRIMARY KEY,
    plate       TEXT,
    type        TEXT,
    valid_from  INTEGER,
    valid_until INTEGER          -- NULL: permanent pass
) WITHOUT ROWID;

CREATE TABLE visitors (
    plate         TEXT PRIMARY KEY,
    host_owner_id TEXT,          -- NULL: registered at the gate
    valid_from    INTEGER,
    valid_until   INTEGER,
    note          TEXT
) WITHOUT ROWID;

CREATE TABLE blacklist (
    plate  TEXT PRIMARY KEY,
    reason TEXT
) WITHOUT ROWID;

CREATE TABLE exemptions (
    plate       TEXT PRIMARY KEY,
    approved_by TEXT,
    valid_from  INTEGER,
    valid_until INTEGER,
    reason      TEXT
) WITHOUT ROWID;

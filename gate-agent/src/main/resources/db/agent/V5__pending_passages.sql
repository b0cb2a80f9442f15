-- Passages whose OPEN may already be on the wire but which are not yet in the register. The lane commits
-- one row here before OPEN: an append to one page of a table without indexes, a fraction of the pages the
-- register row, its four indexes and its stay touch. The register row, stay and receipt number follow
-- in a second transaction right after OPEN, which also deletes this row; rows left by a crash between
-- the two are registered when the store next opens. Same columns as passages, without constraints.
CREATE TABLE pending_passages (
    seq            INTEGER PRIMARY KEY,
    event_id       TEXT NOT NULL,
    lane_id        TEXT NOT NULL,
    direction      TEXT NOT NULL,
    plate          TEXT,
    plate_read     TEXT,
    card           TEXT,
    entry_time     INTEGER,
    exit_time      INTEGER,
    entry_event_id TEXT,
    decision_code  TEXT NOT NULL,
    verdict        TEXT NOT NULL,
    reason         TEXT,
    match_kind     TEXT NOT NULL,
    match_note     TEXT,
    payer          TEXT,
    fee_fen        INTEGER NOT NULL,
    paid_fen       INTEGER NOT NULL,
    payment_method TEXT NOT NULL,
    receipt_no     TEXT,
    paid_at        INTEGER,
    remarks        TEXT,
    operator       TEXT,
    passed_at      INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    snapshot_ref   TEXT
);

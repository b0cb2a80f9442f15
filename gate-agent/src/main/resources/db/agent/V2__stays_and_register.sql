-- Open stays (vehicles inside) and the entry/exit register (《车辆出入登记表》).
-- Times are epoch milliseconds; enums are stored by name; money is integer fen.

CREATE TABLE stays (
    entry_event_id TEXT PRIMARY KEY,
    entry_lane_id  TEXT NOT NULL,
    plate          TEXT,             -- decided plate; NULL when the vehicle entered plateless (by card)
    plate_read     TEXT,
    card           TEXT,
    payer          TEXT NOT NULL,
    entry_time     INTEGER NOT NULL,
    opened_at      INTEGER NOT NULL, -- when this row was written
    closed_at      INTEGER,          -- NULL while the vehicle is inside
    exit_event_id  TEXT
);
CREATE INDEX stays_open ON stays (entry_time) WHERE closed_at IS NULL;

CREATE TABLE passages (
    event_id       TEXT PRIMARY KEY,
    lane_id        TEXT NOT NULL,
    direction      TEXT NOT NULL CHECK (direction IN ('IN', 'OUT')),
    plate          TEXT,
    plate_read     TEXT,
    card           TEXT,
    entry_time     INTEGER,
    exit_time      INTEGER,
    entry_event_id TEXT,             -- exit rows: the stay this exit closed
    decision_code  TEXT NOT NULL,
    verdict        TEXT NOT NULL,
    reason         TEXT,
    match_kind     TEXT NOT NULL,
    match_note     TEXT,
    payer          TEXT,
    fee_fen        INTEGER NOT NULL CHECK (fee_fen >= 0),
    paid_fen       INTEGER NOT NULL CHECK (paid_fen >= 0),
    payment_method TEXT NOT NULL CHECK (payment_method IN ('CASH', 'PREPAID', 'WAIVED', 'NONE')),
    receipt_no     TEXT UNIQUE,
    paid_at        INTEGER,
    remarks        TEXT,
    operator       TEXT,
    passed_at      INTEGER NOT NULL, -- entry_time of entry rows, exit_time of exit rows: the register's order
    created_at     INTEGER NOT NULL
);
CREATE INDEX passages_passed_at ON passages (passed_at);
CREATE INDEX passages_plate ON passages (plate, passed_at);
CREATE INDEX passages_plate_read ON passages (plate_read, passed_at);
CREATE INDEX passages_paid_at ON passages (paid_at) WHERE paid_at IS NOT NULL;

-- Receipt numbers: one monotonically increasing counter per lane, never reset, never reused.
CREATE TABLE receipt_sequence (
    lane_id    TEXT PRIMARY KEY,
    last_value INTEGER NOT NULL
);

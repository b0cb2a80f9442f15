-- Alarms the lane raised: forced passage (冲卡), tailgating (跟车), device faults.

CREATE TABLE alarms (
    alarm_id         TEXT PRIMARY KEY,
    lane_id          TEXT NOT NULL,
    kind             TEXT NOT NULL,
    device           TEXT,          -- the device at fault, for DEVICE_FAULT
    plate            TEXT,          -- the vehicle involved, when known
    related_event_id TEXT,          -- the passage during which it happened, when any
    detail           TEXT NOT NULL,
    occurred_at      INTEGER NOT NULL,
    created_at       INTEGER NOT NULL
);
CREATE INDEX alarms_occurred_at ON alarms (occurred_at);

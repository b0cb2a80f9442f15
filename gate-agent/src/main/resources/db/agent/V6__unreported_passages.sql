-- Registered passages whose event is not yet in the uplink's outbox (outbox.db, another file, so not in the same
-- transaction). A row is written with the register row and deleted once the outbox holds the event; a stop or an
-- outbox that could not be written in between leaves it, and the next start reports the passage again (central
-- stores an event id once).
CREATE TABLE unreported_passages (
    event_id TEXT PRIMARY KEY
) WITHOUT ROWID;

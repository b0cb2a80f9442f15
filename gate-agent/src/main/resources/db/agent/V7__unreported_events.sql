-- Events other than passages (alarms, held vehicles, releases central ordered) whose message has not yet reached
-- the uplink's outbox (outbox.db, another file). Written in the transaction that records the alarm or the held
-- vehicle, with the whole message: a hold's event is not its register row, and a release has no row at all.
-- Deleted once the outbox holds the event; a stop or an outbox that could not be written in between leaves it,
-- and the next start sends it again (central stores an event id once).
CREATE TABLE unreported_events (
    seq         INTEGER PRIMARY KEY,
    event_id    TEXT NOT NULL UNIQUE,
    payload     BLOB NOT NULL,
    occurred_at INTEGER NOT NULL
);

-- The identity of this central database. Agents remember which store their registry came from and refuse a
-- snapshot from another one (an empty or swapped central.db) unless a manager orders a resync.
CREATE TABLE store_identity (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  store_id   TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
INSERT INTO store_identity(id, store_id, created_at)
  VALUES (1, lower(hex(randomblob(16))), CAST(strftime('%s', 'now') AS INTEGER) * 1000);

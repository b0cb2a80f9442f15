-- PostgreSQL form of the SQLite script of the same number: the random store id (32 lower-case hex digits, as
-- SQLite's lower(hex(randomblob(16)))) and the creation time in epoch milliseconds, from PostgreSQL's functions.
CREATE TABLE store_identity (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  store_id   TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
INSERT INTO store_identity(id, store_id, created_at)
  VALUES (1, replace(gen_random_uuid()::text, '-', ''), (extract(epoch FROM now()) * 1000)::bigint);

-- PostgreSQL form of the SQLite script of the same number (see there): 64 hex digits from two random UUIDs
-- (244 random bits), as PostgreSQL has no randomblob.
CREATE TABLE central_key (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  key_hex TEXT NOT NULL
);
INSERT INTO central_key(id, key_hex)
  VALUES (1, replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''));

-- A key only central knows (lanes never see the database): ids of the events central raises itself are derived
-- from it, so that a lane PC cannot compute one and store an event under it first. 32 random bytes as hex.
CREATE TABLE central_key (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  key_hex TEXT NOT NULL
);
INSERT INTO central_key(id, key_hex) VALUES (1, lower(hex(randomblob(32))));

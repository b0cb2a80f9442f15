-- Nonces are now forgotten by number, oldest first, rather than once their command expired by the lane PC's clock:
-- a clock set back would have made a forgotten command new again. The highest expiry among the forgotten ones is
-- kept, and a command expiring at or before it is refused, whatever the clock says.
CREATE TABLE nonce_horizon (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  forgotten_until INTEGER NOT NULL);
INSERT INTO nonce_horizon(id, forgotten_until) VALUES (1, 0);

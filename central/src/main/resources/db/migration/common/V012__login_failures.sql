-- Failed logins counted in the database when several centrals share it, so that tries spread over them
-- count as at one: per user name ('u:' || name) and per client address ('a:' || address), since first_at
-- (epoch ms), within the login throttle's window.
CREATE TABLE login_failures (
  key      TEXT PRIMARY KEY,
  first_at BIGINT NOT NULL,
  failures INTEGER NOT NULL
);

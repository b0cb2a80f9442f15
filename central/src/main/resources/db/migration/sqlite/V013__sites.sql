-- Sites as tenants: every record carries the site (compound) it belongs to, so that one central database can
-- hold several compounds. Rows written before belong to the site central was configured for when it ran this
-- script (the placeholder site: the first site file central is given). The column is last in every table, as
-- PostgreSQL's ADD COLUMN puts it; tables whose key must become per site (a lane id, a plate, a card number may
-- repeat at two compounds) are rebuilt with (site, key) as their key. Central writes the site on every insert;
-- the defaults only fill the rows already there.
CREATE TABLE lanes_v13 (
  lane_id        TEXT NOT NULL,
  post           TEXT NOT NULL,
  direction      TEXT NOT NULL,
  mqtt_salt      BLOB NOT NULL,
  mqtt_hash      BLOB NOT NULL,
  command_secret TEXT NOT NULL,
  site           TEXT NOT NULL,
  PRIMARY KEY (site, lane_id)
);
INSERT INTO lanes_v13 SELECT lane_id, post, direction, mqtt_salt, mqtt_hash, command_secret, '${site}' FROM lanes;
DROP TABLE lanes;
ALTER TABLE lanes_v13 RENAME TO lanes;
CREATE TABLE lane_status_v13 (
  lane_id    TEXT NOT NULL,
  online     INTEGER NOT NULL,
  at         INTEGER,
  barrier    TEXT,
  devices    TEXT,
  queue      INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL,
  site       TEXT NOT NULL,
  PRIMARY KEY (site, lane_id)
);
INSERT INTO lane_status_v13 SELECT lane_id, online, at, barrier, devices, queue, updated_at, '${site}'
  FROM lane_status;
DROP TABLE lane_status;
ALTER TABLE lane_status_v13 RENAME TO lane_status;
CREATE TABLE receipt_days_v13 (
  day   TEXT NOT NULL,
  last  INTEGER NOT NULL,
  site  TEXT NOT NULL,
  PRIMARY KEY (site, day)
);
INSERT INTO receipt_days_v13 SELECT day, last, '${site}' FROM receipt_days;
DROP TABLE receipt_days;
ALTER TABLE receipt_days_v13 RENAME TO receipt_days;
-- The registry: each compound keeps its own residents, cards and passes.
CREATE TABLE owners_v13 (id TEXT NOT NULL, name TEXT NOT NULL, unit TEXT, phone TEXT, site TEXT NOT NULL,
                         PRIMARY KEY (site, id));
INSERT INTO owners_v13 SELECT id, name, unit, phone, '${site}' FROM owners;
DROP TABLE owners;
ALTER TABLE owners_v13 RENAME TO owners;
CREATE TABLE vehicles_v13 (plate TEXT NOT NULL, owner_id TEXT, colour TEXT, vehicle_class TEXT, site TEXT NOT NULL,
                           PRIMARY KEY (site, plate));
INSERT INTO vehicles_v13 SELECT plate, owner_id, colour, vehicle_class, '${site}' FROM vehicles;
DROP TABLE vehicles;
ALTER TABLE vehicles_v13 RENAME TO vehicles;
CREATE TABLE cards_v13 (number TEXT NOT NULL, owner_id TEXT, plate TEXT, status TEXT NOT NULL, site TEXT NOT NULL,
                        PRIMARY KEY (site, number));
INSERT INTO cards_v13 SELECT number, owner_id, plate, status, '${site}' FROM cards;
DROP TABLE cards;
ALTER TABLE cards_v13 RENAME TO cards;
CREATE TABLE passes_v13 (id TEXT NOT NULL, plate TEXT NOT NULL, type TEXT NOT NULL, valid_from INTEGER NOT NULL,
                         valid_until INTEGER, site TEXT NOT NULL, PRIMARY KEY (site, id));
INSERT INTO passes_v13 SELECT id, plate, type, valid_from, valid_until, '${site}' FROM passes;
DROP TABLE passes;
ALTER TABLE passes_v13 RENAME TO passes;
CREATE TABLE visitors_v13 (plate TEXT NOT NULL, host_owner_id TEXT, valid_from INTEGER NOT NULL,
                           valid_until INTEGER NOT NULL, note TEXT, site TEXT NOT NULL, PRIMARY KEY (site, plate));
INSERT INTO visitors_v13 SELECT plate, host_owner_id, valid_from, valid_until, note, '${site}' FROM visitors;
DROP TABLE visitors;
ALTER TABLE visitors_v13 RENAME TO visitors;
CREATE TABLE blacklist_v13 (plate TEXT NOT NULL, reason TEXT, site TEXT NOT NULL, PRIMARY KEY (site, plate));
INSERT INTO blacklist_v13 SELECT plate, reason, '${site}' FROM blacklist;
DROP TABLE blacklist;
ALTER TABLE blacklist_v13 RENAME TO blacklist;
CREATE TABLE exemptions_v13 (plate TEXT NOT NULL, approved_by TEXT, valid_from INTEGER NOT NULL,
                             valid_until INTEGER NOT NULL, reason TEXT, site TEXT NOT NULL, PRIMARY KEY (site, plate));
INSERT INTO exemptions_v13 SELECT plate, approved_by, valid_from, valid_until, reason, '${site}' FROM exemptions;
DROP TABLE exemptions;
ALTER TABLE exemptions_v13 RENAME TO exemptions;
-- Versions stay one sequence for the database; a site's deltas are its own changes between two versions.
ALTER TABLE registry_change ADD COLUMN site TEXT NOT NULL DEFAULT '${site}';
DROP INDEX registry_change_key;
CREATE INDEX registry_change_key ON registry_change(site, kind, key);
CREATE INDEX registry_change_site ON registry_change(site, version);
-- Records that keep their key (event ids, exception and shift ids are made unique by whoever makes them).
ALTER TABLE lane_events ADD COLUMN site TEXT NOT NULL DEFAULT '${site}';
DROP INDEX lane_events_time;
DROP INDEX lane_events_lane;
CREATE INDEX lane_events_time ON lane_events(site, occurred_at);
CREATE INDEX lane_events_lane ON lane_events(site, lane_id, occurred_at);
ALTER TABLE prepayments ADD COLUMN site TEXT NOT NULL DEFAULT '${site}';
DROP INDEX prepayments_receipt;
CREATE UNIQUE INDEX prepayments_receipt ON prepayments(site, receipt_no);
CREATE INDEX prepayments_site ON prepayments(site, paid_at);
ALTER TABLE exceptions ADD COLUMN site TEXT NOT NULL DEFAULT '${site}';
DROP INDEX exceptions_status;
CREATE INDEX exceptions_status ON exceptions(site, status, opened_at);
ALTER TABLE shifts ADD COLUMN site TEXT NOT NULL DEFAULT '${site}';
DROP INDEX shifts_post;
CREATE INDEX shifts_post ON shifts(site, post, started_at);
ALTER TABLE handovers ADD COLUMN site TEXT NOT NULL DEFAULT '${site}';
CREATE INDEX handovers_site ON handovers(site, created_at);
ALTER TABLE lane_notes ADD COLUMN site TEXT NOT NULL DEFAULT '${site}';
DROP INDEX lane_notes_time;
DROP INDEX lane_notes_lane;
CREATE INDEX lane_notes_time ON lane_notes(site, noted_at);
CREATE INDEX lane_notes_lane ON lane_notes(site, lane_id, noted_at);
ALTER TABLE quarantined_events ADD COLUMN site TEXT NOT NULL DEFAULT '${site}';
DROP INDEX quarantined_events_lane;
CREATE INDEX quarantined_events_lane ON quarantined_events(site, lane_id, received_at);
-- The audit log: the site an action was taken at; null for the group's own (users, logins). What was logged
-- before was all at the one site.
ALTER TABLE audit_log ADD COLUMN site TEXT DEFAULT '${site}';
-- Roles per site: a user holds one role at each site granted; site '*' grants the role at every site (a group
-- manager). Every user had one role at the one site.
CREATE TABLE grants (
  username TEXT NOT NULL REFERENCES users(username),
  site     TEXT NOT NULL,
  role     TEXT NOT NULL,
  PRIMARY KEY (username, site)
);
INSERT INTO grants(username, site, role) SELECT username, '${site}', role FROM users;

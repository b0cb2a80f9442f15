-- Desk payments get a short receipt number, allocated per site day (R20261205-0042), and may be partial: a
-- partial payment is recorded and counted as cash but not passed to the lanes; the payment (or a supervisor's
-- waiver) that completes it is, with everything paid toward the fee in credited_fen.
CREATE TABLE receipt_days (
  day   TEXT PRIMARY KEY,
  last  INTEGER NOT NULL
);
ALTER TABLE prepayments ADD COLUMN receipt_no TEXT;
ALTER TABLE prepayments ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;
ALTER TABLE prepayments ADD COLUMN due_fen INTEGER;
ALTER TABLE prepayments ADD COLUMN credited_fen INTEGER;
ALTER TABLE prepayments ADD COLUMN settled_by TEXT;
ALTER TABLE prepayments ADD COLUMN note TEXT;
CREATE UNIQUE INDEX prepayments_receipt ON prepayments(receipt_no);

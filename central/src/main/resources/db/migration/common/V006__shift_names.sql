-- Which shift of the day an attendant signed in to (早班/中班/夜班); null for shifts opened before.
ALTER TABLE shifts ADD COLUMN name TEXT;

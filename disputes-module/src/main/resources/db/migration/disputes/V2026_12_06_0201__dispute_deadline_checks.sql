-- A dispute whose deadline has passed is read again from Klarna with a back-off (issue 26): how
-- often it was read since the deadline, and when to read it next (null: at once).
ALTER TABLE dispute ADD COLUMN deadline_checks INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE dispute ADD COLUMN next_check_at TIMESTAMP WITH TIME ZONE;

-- When a terminal's display link was issued and when its display last asked what to show
-- (written at most every 30 s), for the console's terminals view; and the merchant's time zone,
-- in which the console shows its times.
ALTER TABLE terminal ADD COLUMN display_linked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE terminal ADD COLUMN display_seen_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE merchant ADD COLUMN time_zone VARCHAR(64) DEFAULT 'UTC' NOT NULL;

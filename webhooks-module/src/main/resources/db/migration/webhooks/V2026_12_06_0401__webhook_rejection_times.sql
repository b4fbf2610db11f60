-- Refused webhooks are counted in memory and written as one row per kind per flush (issue 30):
-- how many refusals the row stands for.
ALTER TABLE klarna_webhook_rejection ADD COLUMN times INTEGER DEFAULT 1 NOT NULL;

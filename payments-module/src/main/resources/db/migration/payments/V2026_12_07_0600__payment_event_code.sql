-- A typed timeline (ADR 0036): each line is an event code and its values (a JSON array of
-- {"text": ...} or {"minor": ..., "currency": ...}); the words are the readers'. Older lines have
-- no code and keep their stored summary, which is still written for those who read the table.
ALTER TABLE payment_event ADD COLUMN event VARCHAR(64);
ALTER TABLE payment_event ADD COLUMN args VARCHAR(4000);

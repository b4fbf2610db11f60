-- A final authorization Klarna approved after the payment had already ended (canceled, expired,
-- failed): Klarna holds a transaction the payment does not. It is kept here and released (voided)
-- at Klarna by the janitor, with a key that every retry reuses.
ALTER TABLE payment ADD COLUMN late_transaction_id VARCHAR(200);
ALTER TABLE payment ADD COLUMN release_state VARCHAR(20);
ALTER TABLE payment ADD COLUMN release_next_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX payment_release_ix ON payment (release_state, release_next_at);

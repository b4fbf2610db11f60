-- For the reads that run every second: the console's live feed (payments changed since, per
-- merchant or for all) and each customer-facing display (the terminal's newest payment).
CREATE INDEX payment_updated_ix ON payment (updated_at);
CREATE INDEX payment_merchant_updated_ix ON payment (merchant_id, updated_at);
CREATE INDEX payment_terminal_created_ix ON payment (terminal_id, created_at);

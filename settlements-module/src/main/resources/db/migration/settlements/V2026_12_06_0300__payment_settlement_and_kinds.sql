-- Settlements (issue 27), second step: a payment's settlement is read by its payment id; the item
-- kinds grow past 20 characters (refund_before_capture) and an item may name a dispute.
CREATE INDEX payout_line_payment_ix ON payout_line (payment_id);
ALTER TABLE reconciliation_item ALTER COLUMN kind SET DATA TYPE VARCHAR(40);
ALTER TABLE reconciliation_item ADD COLUMN dispute_id VARCHAR(200);

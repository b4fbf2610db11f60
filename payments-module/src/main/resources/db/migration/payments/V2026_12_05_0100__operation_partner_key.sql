-- The partner's Idempotency-Key of the request that started a capture, refund or release (issue 33):
-- a retry under the same key, at any time and after any crash, answers that operation and never
-- starts a second one. One operation per key and payment.
ALTER TABLE payment_operation ADD COLUMN partner_key VARCHAR(255);
CREATE UNIQUE INDEX payment_operation_partner_key_ux ON payment_operation (payment_id, partner_key);

-- The partner's Idempotency-Key of the request that asked for a payment's cancel (issue 33): a
-- retry under the same key, at any time and after any crash, answers that cancel and never starts
-- a second one, as payment_operation.partner_key does for captures, refunds and releases.
ALTER TABLE payment ADD COLUMN cancel_key VARCHAR(255);

-- When the janitor next reads a payment's Klarna transaction of its own accord (simulation finding F6):
-- at the authorization's expiry while AUTHORIZED, 7 days after it once EXPIRED (Klarna then closes or
-- completes it, and that webhook may be lost).
ALTER TABLE payment ADD COLUMN transaction_read_at TIMESTAMP WITH TIME ZONE;
UPDATE payment SET transaction_read_at = authorization_expires_at
  WHERE transaction_state = 'AUTHORIZED' AND authorization_expires_at IS NOT NULL;
UPDATE payment SET transaction_read_at = authorization_expires_at + INTERVAL '7' DAY
  WHERE transaction_state = 'EXPIRED' AND authorization_expires_at IS NOT NULL;
CREATE INDEX payment_transaction_read_ix ON payment (transaction_read_at);

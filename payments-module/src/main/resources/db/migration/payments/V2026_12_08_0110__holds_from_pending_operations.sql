-- What a payment holds is what its pending operations hold (issue 33): from now on it is set from
-- them whenever one begins or ends. Rows the old counters (clamped at 0, and lowered by what Klarna
-- moved rather than by what was held) left apart from their operations are set right once here.
UPDATE payment SET
  capture_pending = COALESCE((SELECT SUM(o.amount) FROM payment_operation o
    WHERE o.payment_id = payment.id AND o.kind = 'CAPTURE' AND o.status = 'PENDING'), 0),
  refund_pending = COALESCE((SELECT SUM(o.amount) FROM payment_operation o
    WHERE o.payment_id = payment.id AND o.kind = 'REFUND' AND o.status = 'PENDING'), 0),
  release_pending = EXISTS (SELECT 1 FROM payment_operation o
    WHERE o.payment_id = payment.id AND o.kind = 'RELEASE' AND o.status = 'PENDING')
WHERE capture_pending <> 0 OR refund_pending <> 0 OR release_pending = TRUE
  OR id IN (SELECT payment_id FROM payment_operation WHERE status = 'PENDING');

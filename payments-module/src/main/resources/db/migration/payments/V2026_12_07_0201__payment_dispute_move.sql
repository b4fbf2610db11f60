-- Dispute money as dated movements for finance's export (issue 29): what a dispute held when it
-- opened, gave back when won, and took for good when lost, written with the payment's disputed and
-- lost amounts (PaymentDisputes.disputeMoved) in the dispute's change.
CREATE TABLE payment_dispute_move (
    id VARCHAR(40) PRIMARY KEY,
    payment_id VARCHAR(40) NOT NULL,
    dispute_id VARCHAR(40) NOT NULL,
    kind VARCHAR(20) NOT NULL,
    amount BIGINT NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX payment_dispute_move_at ON payment_dispute_move (occurred_at);
CREATE INDEX payment_dispute_move_payment ON payment_dispute_move (payment_id);

-- After authorization: what the payment's Klarna transaction has captured, refunded and released
-- (minor units), where the transaction stands at Klarna and when its authorization expires, and
-- each capture, refund and release as an operation recorded before Klarna is called (its id is the
-- Klarna-Idempotency-Key every retry reuses).
ALTER TABLE payment ADD COLUMN capture_mode VARCHAR(10) DEFAULT 'MANUAL' NOT NULL;
ALTER TABLE payment ADD COLUMN captured_amount BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE payment ADD COLUMN refunded_amount BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE payment ADD COLUMN released_amount BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE payment ADD COLUMN capture_pending BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE payment ADD COLUMN refund_pending BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE payment ADD COLUMN release_pending BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE payment ADD COLUMN transaction_state VARCHAR(20);
ALTER TABLE payment ADD COLUMN transaction_updated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE payment ADD COLUMN authorization_expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE payment ADD COLUMN expiry_noticed BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX payment_authorization_expiry_ix ON payment (transaction_state, authorization_expires_at);
CREATE INDEX payment_transaction_ix ON payment (transaction_id);

CREATE TABLE payment_operation (
    id            VARCHAR(40)   PRIMARY KEY,
    payment_id    VARCHAR(40)   NOT NULL REFERENCES payment (id),
    kind          VARCHAR(10)   NOT NULL,
    status        VARCHAR(10)   NOT NULL,
    amount        BIGINT        NOT NULL,
    capture_id    VARCHAR(40),
    reason        VARCHAR(255),
    klarna_body   VARCHAR(300000),
    klarna_id     VARCHAR(200),
    attempts      INTEGER       NOT NULL,
    failure       VARCHAR(1000),
    next_try_at   TIMESTAMP WITH TIME ZONE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    version       BIGINT        NOT NULL
);
CREATE INDEX payment_operation_payment_ix ON payment_operation (payment_id, created_at);
CREATE INDEX payment_operation_due_ix ON payment_operation (status, next_try_at);

-- Notes support staff (who only read) send to a merchant's admins about a payment: shown on the
-- merchant admins' dashboard until one of them marks it done. Issue 29.
CREATE SEQUENCE console_support_note_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE console_support_note (
    id           BIGINT        NOT NULL PRIMARY KEY,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    author       VARCHAR(100)  NOT NULL,
    merchant_id  VARCHAR(40)   NOT NULL,
    payment_id   VARCHAR(40)   NOT NULL,
    text         VARCHAR(1000) NOT NULL,
    done_at      TIMESTAMP WITH TIME ZONE,
    done_by      VARCHAR(100)
);
CREATE INDEX console_support_note_merchant_ix ON console_support_note (merchant_id, done_at);

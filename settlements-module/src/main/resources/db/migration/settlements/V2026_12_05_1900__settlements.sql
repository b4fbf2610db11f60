-- Settlements (issue 27): Klarna's payouts as imported, each stored once (its payment_reference is
-- unique) with its lines, each matched to the capture or refund it settles; reconciliation items for
-- what does not match; one row that lets one import run at a time across instances.
CREATE TABLE settlement_import (
    id                      INTEGER       PRIMARY KEY,
    lease_owner             VARCHAR(100),
    lease_until             TIMESTAMP WITH TIME ZONE,
    captures_checked_until  TIMESTAMP WITH TIME ZONE,
    last_success_at         TIMESTAMP WITH TIME ZONE,
    last_failure            VARCHAR(1000)
);
INSERT INTO settlement_import (id) VALUES (1);

CREATE TABLE payout (
    id                        VARCHAR(40)   PRIMARY KEY,
    merchant_id               VARCHAR(40)   NOT NULL,
    partner_account_id        VARCHAR(200)  NOT NULL,
    klarna_payment_reference  VARCHAR(200)  NOT NULL,
    payout_date               TIMESTAMP WITH TIME ZONE NOT NULL,
    currency                  VARCHAR(3)    NOT NULL,
    sales                     BIGINT        NOT NULL,
    returns                   BIGINT        NOT NULL,
    fees                      BIGINT        NOT NULL,
    tax                       BIGINT        NOT NULL,
    reversals                 BIGINT        NOT NULL,
    holdbacks                 BIGINT        NOT NULL,
    releases                  BIGINT        NOT NULL,
    net                       BIGINT        NOT NULL,
    klarna_settlement_amount  BIGINT        NOT NULL,
    line_count                INTEGER       NOT NULL,
    complete                  BOOLEAN       NOT NULL,
    imported_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    version                   BIGINT        NOT NULL,
    CONSTRAINT payout_reference_uk UNIQUE (klarna_payment_reference)
);
CREATE INDEX payout_merchant_ix ON payout (merchant_id, payout_date);

CREATE TABLE payout_line (
    payout_id              VARCHAR(40)   NOT NULL REFERENCES payout (id),
    seq                    INTEGER       NOT NULL,
    type                   VARCHAR(40)   NOT NULL,
    detailed_type          VARCHAR(60),
    amount                 BIGINT        NOT NULL,
    klarna_capture_id      VARCHAR(200),
    klarna_refund_id       VARCHAR(200),
    klarna_transaction_id  VARCHAR(200),
    dispute_id             VARCHAR(200),
    payment_id             VARCHAR(40),
    capture_id             VARCHAR(40),
    refund_id              VARCHAR(40),
    matched                BOOLEAN       NOT NULL,
    PRIMARY KEY (payout_id, seq)
);
CREATE INDEX payout_line_capture_ix ON payout_line (capture_id, type);
CREATE INDEX payout_line_refund_ix ON payout_line (refund_id);

CREATE TABLE reconciliation_item (
    id            VARCHAR(40)   PRIMARY KEY,
    merchant_id   VARCHAR(40)   NOT NULL,
    kind          VARCHAR(20)   NOT NULL,
    state         VARCHAR(10)   NOT NULL,
    payment_id    VARCHAR(40),
    payout_id     VARCHAR(40),
    capture_id    VARCHAR(40),
    refund_id     VARCHAR(40),
    klarna_id     VARCHAR(200),
    currency      VARCHAR(3),
    expected      BIGINT,
    settled       BIGINT,
    note          VARCHAR(1000),
    resolved_by   VARCHAR(100),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at   TIMESTAMP WITH TIME ZONE,
    version       BIGINT        NOT NULL
);
CREATE INDEX reconciliation_item_state_ix ON reconciliation_item (state, kind, created_at);
CREATE INDEX reconciliation_item_merchant_ix ON reconciliation_item (merchant_id, state);
CREATE INDEX reconciliation_item_capture_ix ON reconciliation_item (capture_id, kind, state);

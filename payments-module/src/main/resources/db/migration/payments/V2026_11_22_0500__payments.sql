-- Payments: what the partner asked for, where Klarna's Payment Request stands, and the final
-- authorization. One row per payment; its timeline is in payment_event.

CREATE TABLE payment (
    id                       VARCHAR(40)    NOT NULL PRIMARY KEY,
    merchant_id              VARCHAR(40)    NOT NULL,
    partner_account_id       VARCHAR(200)   NOT NULL,
    idempotency_key          VARCHAR(255),
    request_hash             VARCHAR(64)    NOT NULL,
    status                   VARCHAR(16)    NOT NULL,
    method                   VARCHAR(16)    NOT NULL,
    amount                   BIGINT         NOT NULL,
    currency                 VARCHAR(3)     NOT NULL,
    reference                VARCHAR(255)   NOT NULL,
    store_id                 VARCHAR(40)    NOT NULL,
    store_reference          VARCHAR(100)   NOT NULL,
    terminal_id              VARCHAR(40),
    terminal_reference       VARCHAR(100),
    return_url               VARCHAR(2000),
    app_return_url           VARCHAR(2000),
    request_body             VARCHAR(300000) NOT NULL,
    authorize_attempts       INTEGER        NOT NULL,
    klarna_result            VARCHAR(32),
    pr_id                    VARCHAR(200),
    pr_state                 VARCHAR(16),
    pr_state_reason          VARCHAR(64),
    pr_updated_at            TIMESTAMP WITH TIME ZONE,
    pr_expires_at            TIMESTAMP WITH TIME ZONE,
    qr_image_url             VARCHAR(2000),
    qr_target_url            VARCHAR(2000),
    payment_request_url      VARCHAR(2000),
    token                    VARCHAR(2000),
    token_header             VARCHAR(40),
    completed_at             TIMESTAMP WITH TIME ZONE,
    finalize_attempts        INTEGER        NOT NULL,
    finalize_claimed_at      TIMESTAMP WITH TIME ZONE,
    transaction_id           VARCHAR(200),
    cancel_requested_at      TIMESTAMP WITH TIME ZONE,
    failure_reason           VARCHAR(1000),
    next_check_at            TIMESTAMP WITH TIME ZONE,
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    version                  BIGINT         NOT NULL,
    CONSTRAINT payment_idempotency_uk UNIQUE (merchant_id, idempotency_key),
    CONSTRAINT payment_pr_uk UNIQUE (pr_id),
    CONSTRAINT payment_status_ck CHECK (status IN ('PENDING', 'AUTHORIZED', 'DECLINED', 'EXPIRED', 'CANCELED', 'FAILED')),
    CONSTRAINT payment_method_ck CHECK (method IN ('QR_CODE', 'HANDOVER'))
);
CREATE INDEX payment_merchant_created_ix ON payment (merchant_id, created_at);
CREATE INDEX payment_merchant_reference_ix ON payment (merchant_id, reference);
CREATE INDEX payment_terminal_status_ix ON payment (terminal_id, status);
CREATE INDEX payment_due_ix ON payment (status, next_check_at);

-- Everything that happened to a payment, in order: partner calls, Klarna calls (redacted), signals
-- and state changes.
CREATE TABLE payment_event (
    id           BIGINT        NOT NULL PRIMARY KEY,
    payment_id   VARCHAR(40)   NOT NULL REFERENCES payment (id),
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    kind         VARCHAR(24)   NOT NULL,
    summary      VARCHAR(500)  NOT NULL,
    detail       VARCHAR(300000),
    status       VARCHAR(16)   NOT NULL,
    pr_state     VARCHAR(16)
);
CREATE INDEX payment_event_payment_ix ON payment_event (payment_id, id);
CREATE SEQUENCE payment_event_seq START WITH 1 INCREMENT BY 1;

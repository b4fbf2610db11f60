-- Klarna's disputes against our payments (issue 26), and the files merchants uploaded for them.
-- A dispute's state only moves forward (Klarna's order); due_at is the deadline the merchant must
-- act by now (evidence in INITIATED, appeal in PRE_ARBITRATION), null otherwise.
CREATE TABLE dispute (
    id                    VARCHAR(40)   PRIMARY KEY,
    merchant_id           VARCHAR(40)   NOT NULL,
    payment_id            VARCHAR(40)   NOT NULL,
    capture_id            VARCHAR(40),
    klarna_dispute_id     VARCHAR(255)  NOT NULL,
    klarna_capture_id     VARCHAR(255),
    reason                VARCHAR(60)   NOT NULL,
    state                 VARCHAR(20)   NOT NULL,
    amount                BIGINT        NOT NULL,
    currency              VARCHAR(3)    NOT NULL,
    representment_state   VARCHAR(60),
    request_information   VARCHAR(2000),
    evidence_due_at       TIMESTAMP WITH TIME ZONE,
    appeal_due_at         TIMESTAMP WITH TIME ZONE,
    due_at                TIMESTAMP WITH TIME ZONE,
    due_soon_noticed      BOOLEAN       DEFAULT FALSE NOT NULL,
    preliminary_outcome   VARCHAR(10),
    outcome               VARCHAR(10),
    outcome_detailed      VARCHAR(100),
    evidence_sent_at      TIMESTAMP WITH TIME ZONE,
    evidence_information  VARCHAR(5000),
    appeal_sent_at        TIMESTAMP WITH TIME ZONE,
    appeal_information    VARCHAR(10000),
    klarna_updated_at     TIMESTAMP WITH TIME ZONE,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    version               BIGINT        NOT NULL,
    CONSTRAINT dispute_klarna_uq UNIQUE (klarna_dispute_id)
);
CREATE INDEX dispute_merchant_ix ON dispute (merchant_id, created_at);
CREATE INDEX dispute_payment_ix ON dispute (payment_id);
CREATE INDEX dispute_due_ix ON dispute (due_at);

CREATE TABLE dispute_attachment (
    id                    VARCHAR(40)   PRIMARY KEY,
    dispute_id            VARCHAR(40)   NOT NULL REFERENCES dispute (id),
    filename              VARCHAR(255)  NOT NULL,
    content_type          VARCHAR(100)  NOT NULL,
    size_bytes            BIGINT        NOT NULL,
    description           VARCHAR(1000),
    klarna_attachment_id  VARCHAR(300)  NOT NULL,
    used_in               VARCHAR(10),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX dispute_attachment_dispute_ix ON dispute_attachment (dispute_id, created_at);

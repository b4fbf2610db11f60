-- Klarna's webhooks in (an inbox keyed by Klarna's event id, stored before it is acted on) and
-- the notifications the gateway sends partners (an outbox written with the payment's final status).

CREATE TABLE klarna_event (
    event_id            VARCHAR(100)  NOT NULL PRIMARY KEY,
    event_type          VARCHAR(200)  NOT NULL,
    payment_request_id  VARCHAR(200),
    signing_key_id      VARCHAR(200)  NOT NULL,
    occurred_at         TIMESTAMP WITH TIME ZONE,
    received_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    status              VARCHAR(16)   NOT NULL,
    attempts            INTEGER       NOT NULL,
    duplicates          INTEGER       NOT NULL,
    claimed_at          TIMESTAMP WITH TIME ZONE,
    processed_at        TIMESTAMP WITH TIME ZONE,
    error               VARCHAR(1000),
    -- the envelope as received; Klarna's tokens are blanked out once it has been acted on
    body                VARCHAR(1048576) NOT NULL,
    CONSTRAINT klarna_event_status_ck CHECK (status IN ('RECEIVED', 'WORKING', 'DONE', 'IGNORED', 'FAILED'))
);
CREATE INDEX klarna_event_status_ix ON klarna_event (status, received_at);

-- Webhooks refused at the door (bad or missing signature, unknown key, bad body), for the console.
CREATE TABLE klarna_webhook_rejection (
    id              BIGINT        NOT NULL PRIMARY KEY,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    reason          VARCHAR(200)  NOT NULL,
    signing_key_id  VARCHAR(200)
);
CREATE SEQUENCE klarna_webhook_rejection_seq START WITH 1 INCREMENT BY 1;

-- Signing keys the gateway created itself through Klarna's Notifications API.
CREATE TABLE klarna_signing_key (
    id           VARCHAR(200)  NOT NULL PRIMARY KEY,
    secret       VARCHAR(500)  NOT NULL,
    webhook_id   VARCHAR(200),
    webhook_url  VARCHAR(2000) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE notification (
    id               VARCHAR(40)   NOT NULL PRIMARY KEY,
    merchant_id      VARCHAR(40)   NOT NULL,
    payment_id       VARCHAR(40)   NOT NULL,
    event_type       VARCHAR(40)   NOT NULL,
    body             VARCHAR(300000) NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    attempts         INTEGER       NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE,
    last_http_status INTEGER,
    last_error       VARCHAR(500),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT notification_status_ck CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED'))
);
CREATE INDEX notification_due_ix ON notification (status, next_attempt_at);
CREATE INDEX notification_merchant_ix ON notification (merchant_id, created_at);

CREATE TABLE notification_attempt (
    id                BIGINT        NOT NULL PRIMARY KEY,
    notification_id   VARCHAR(40)   NOT NULL REFERENCES notification (id),
    attempt           INTEGER       NOT NULL,
    attempted_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    url               VARCHAR(2000) NOT NULL,
    http_status       INTEGER,
    latency_ms        BIGINT        NOT NULL,
    response_excerpt  VARCHAR(500),
    error             VARCHAR(500)
);
CREATE INDEX notification_attempt_ix ON notification_attempt (notification_id, id);
CREATE SEQUENCE notification_attempt_seq START WITH 1 INCREMENT BY 1;

-- Partner Idempotency-Key: the first response to a POST, replayed for the same key and body.
-- scope is the merchant; request_hash covers method, path and body.
CREATE TABLE idempotency_key (
    scope              VARCHAR(100)   NOT NULL,
    idem_key           VARCHAR(255)   NOT NULL,
    request_hash       VARCHAR(64)    NOT NULL,
    state              VARCHAR(16)    NOT NULL,
    response_status    INTEGER,
    response_type      VARCHAR(100),
    response_location  VARCHAR(2000),
    response_body      VARCHAR(1000000),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT idempotency_key_pk PRIMARY KEY (scope, idem_key),
    CONSTRAINT idempotency_key_state_ck CHECK (state IN ('RUNNING', 'DONE'))
);
CREATE INDEX idempotency_key_created_ix ON idempotency_key (created_at);

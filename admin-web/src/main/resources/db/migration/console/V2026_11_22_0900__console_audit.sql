-- Who did what in the console: one row per change (create, edit, revoke, cancel, retry, ...).
CREATE SEQUENCE console_audit_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE console_audit (
    id           BIGINT        NOT NULL PRIMARY KEY,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    username     VARCHAR(100)  NOT NULL,
    role         VARCHAR(32)   NOT NULL,
    merchant_id  VARCHAR(40),
    action       VARCHAR(60)   NOT NULL,
    target       VARCHAR(200)  NOT NULL,
    detail       VARCHAR(500)
);
CREATE INDEX console_audit_at_ix ON console_audit (at);

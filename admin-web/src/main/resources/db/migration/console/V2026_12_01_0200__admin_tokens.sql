-- Admin API tokens: a platform admin trades its password for one once, then sends the token on
-- every call. Only a SHA-256 of the token is kept, with a prefix to recognise it.
CREATE TABLE admin_token (
    id            VARCHAR(40)  NOT NULL PRIMARY KEY,
    token_hash    VARCHAR(64)  NOT NULL,
    prefix        VARCHAR(20)  NOT NULL,
    username      VARCHAR(100) NOT NULL,
    label         VARCHAR(100),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT admin_token_hash_uk UNIQUE (token_hash)
);
CREATE INDEX admin_token_username_ix ON admin_token (username);

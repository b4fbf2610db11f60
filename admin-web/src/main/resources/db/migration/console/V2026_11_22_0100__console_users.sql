-- Console users: people who log into the admin console. Passwords are PBKDF2 hashes.
CREATE SEQUENCE console_user_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE console_user (
    id              BIGINT       NOT NULL PRIMARY KEY,
    username        VARCHAR(100) NOT NULL,
    password_hash   VARCHAR(255) NOT NULL,
    role            VARCHAR(32)  NOT NULL,
    merchant_id     BIGINT,
    enabled         BOOLEAN      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_login_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT console_user_username_uk UNIQUE (username),
    CONSTRAINT console_user_role_ck CHECK (role IN ('PLATFORM_ADMIN', 'MERCHANT_ADMIN', 'SUPPORT'))
);

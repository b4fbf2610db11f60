-- Store managers (issue 30, item 8): a merchant's user limited to some of its stores. The stores a
-- store manager may see and act on; a user's rows go with the user.
ALTER TABLE console_user DROP CONSTRAINT console_user_role_ck;
ALTER TABLE console_user ADD CONSTRAINT console_user_role_ck
    CHECK (role IN ('PLATFORM_ADMIN', 'MERCHANT_ADMIN', 'SUPPORT', 'STORE_MANAGER'));
CREATE TABLE console_user_store (
    user_id  BIGINT      NOT NULL REFERENCES console_user (id) ON DELETE CASCADE,
    store_id VARCHAR(40) NOT NULL,
    PRIMARY KEY (user_id, store_id)
);

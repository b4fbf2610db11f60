-- Two factors for console users (issue 30, item 8): an RFC 6238 secret sealed like other secrets
-- (gateway.secrets.key), the last time step accepted (a code works once), the SHA-256 of the unused
-- recovery codes (comma-separated), and the merchants whose users must have a second factor.
ALTER TABLE console_user ADD COLUMN totp_secret VARCHAR(255);
ALTER TABLE console_user ADD COLUMN totp_pending VARCHAR(255);
ALTER TABLE console_user ADD COLUMN totp_enrolled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE console_user ADD COLUMN totp_last_step BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE console_user ADD COLUMN recovery_codes VARCHAR(1000);
CREATE TABLE console_two_factor_merchant (
    merchant_id VARCHAR(40) PRIMARY KEY,
    required_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The customer-facing display's link: only a SHA-256 of its token is kept (shown once, rotatable).
ALTER TABLE terminal ADD COLUMN display_token_hash VARCHAR(64);
CREATE UNIQUE INDEX terminal_display_token_ix ON terminal (display_token_hash);

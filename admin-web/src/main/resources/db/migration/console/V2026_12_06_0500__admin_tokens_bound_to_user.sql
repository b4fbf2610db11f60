-- Admin tokens that can be taken away (issue 30): each is bound to its user's id and to the stamp
-- of the user's password, role and merchant, and expires. A reset password, a disabled or deleted
-- user (and a new user under the same name) no longer match the binding. Tokens issued before the
-- binding existed cannot be checked against it, so they are revoked here.
ALTER TABLE admin_token ADD COLUMN user_id BIGINT;
ALTER TABLE admin_token ADD COLUMN user_stamp VARCHAR(64);
ALTER TABLE admin_token ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
UPDATE admin_token SET revoked_at = CURRENT_TIMESTAMP WHERE revoked_at IS NULL;

-- Scoped API keys (issue 30): what each key may do, space-separated scope names. Keys issued
-- before scopes existed keep every scope, so no partner integration breaks.
ALTER TABLE api_key ADD COLUMN scopes VARCHAR(200) DEFAULT 'payments:write payments:read captures refunds disputes stores webhooks' NOT NULL;

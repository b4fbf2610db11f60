-- a signing key replaced at re-registration is deleted at Klarna (issue 25); when that succeeded
ALTER TABLE klarna_signing_key ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;

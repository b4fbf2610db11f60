-- A rotated webhook secret stays valid (notifications carry both signatures) until previous_secret_until.
ALTER TABLE merchant ADD COLUMN previous_webhook_secret VARCHAR(200);
ALTER TABLE merchant ADD COLUMN previous_secret_until TIMESTAMP WITH TIME ZONE;

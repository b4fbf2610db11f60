-- Merchant ids are opaque strings (mer_...) now that the stores module mints them.
ALTER TABLE console_user ALTER COLUMN merchant_id SET DATA TYPE VARCHAR(40);

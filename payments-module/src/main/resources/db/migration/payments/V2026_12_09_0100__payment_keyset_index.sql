-- The partner's keyset list (GET /api/v1/payments/cursor) reads a merchant's payments newest first
-- by (created_at, id), from a cursor down: with the id in the index, the database walks it in that
-- order and stops after a page, with no sort and no count. It serves every read the index it
-- replaces served (merchant_id, created_at is its prefix).
CREATE INDEX payment_merchant_created_id_ix ON payment (merchant_id, created_at, id);
DROP INDEX payment_merchant_created_ix;

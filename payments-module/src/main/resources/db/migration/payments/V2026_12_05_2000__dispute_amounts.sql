-- What open disputes hold and what lost disputes took back (minor units), kept by the disputes
-- module through the payments port PaymentDisputes in the transaction of the dispute's change.
ALTER TABLE payment ADD COLUMN disputed_amount BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE payment ADD COLUMN lost_amount BIGINT DEFAULT 0 NOT NULL;

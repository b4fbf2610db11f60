-- Settlements (issue 27), second step: lines matched to disputes; a payment's settlement read by payment; the item
-- kinds grow past 20 characters (refund_before_capture) and an item may name a dispute.
ALTER TABLE reconciliation_item ALTER COLUMN kind SET DATA TYPE VARCHAR(40);
ALTER TABLE reconciliation_item ADD COLUMN dispute_id VARCHAR(200);
-- a line's dispute_id is the gateway's dispute (dsp_...) it was matched to; Klarna's own id moves
-- to klarna_dispute_id (no line was matched to a dispute before this step)
ALTER TABLE payout_line ADD COLUMN klarna_dispute_id VARCHAR(200);
UPDATE payout_line SET klarna_dispute_id = dispute_id, dispute_id = NULL;
CREATE INDEX payout_line_dispute_ix ON payout_line (dispute_id);
CREATE INDEX payout_line_payment_sale_ix ON payout_line (payment_id, type);
-- the fee each merchant agreed to per capture (fixed minor units plus basis points); a merchant
-- without a row has the setting's plan (settlements.agreed-fee.*)
CREATE TABLE merchant_fee_plan (
    merchant_id  VARCHAR(40)   PRIMARY KEY,
    fixed        BIGINT        NOT NULL,
    percent_bp   BIGINT        NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by   VARCHAR(100)  NOT NULL,
    version      BIGINT        NOT NULL,
    CONSTRAINT merchant_fee_plan_amounts_ck CHECK (fixed >= 0 AND percent_bp >= 0 AND percent_bp <= 10000)
);

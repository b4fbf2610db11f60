-- The evidence answer a dispute is sending, bound before Klarna is asked (issue 26): the partner's
-- Idempotency-Key and the Klarna-Idempotency-Key it goes with, what is sent (the attachments, the
-- proposed refund; the text is evidence_information) and who sent it when. A retry under the same key
-- resumes it, or answers it once Klarna has taken it (a webhook may tell that first); a refusal
-- unbinds it, and the next answer gets the next Klarna key (evidence_attempts).
ALTER TABLE dispute ADD COLUMN evidence_key VARCHAR(255);
ALTER TABLE dispute ADD COLUMN evidence_klarna_key VARCHAR(100);
ALTER TABLE dispute ADD COLUMN evidence_attachments VARCHAR(1000);
ALTER TABLE dispute ADD COLUMN evidence_refund BIGINT;
ALTER TABLE dispute ADD COLUMN evidence_asked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE dispute ADD COLUMN evidence_asked_by VARCHAR(200);
ALTER TABLE dispute ADD COLUMN evidence_attempts INTEGER DEFAULT 0 NOT NULL;

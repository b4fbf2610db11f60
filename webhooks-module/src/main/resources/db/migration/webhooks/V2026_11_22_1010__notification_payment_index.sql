-- A payment's notifications: delivered right after its final status commits, and on its console page.
CREATE INDEX notification_payment_ix ON notification (payment_id);

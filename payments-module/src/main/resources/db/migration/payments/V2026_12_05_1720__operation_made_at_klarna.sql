-- a capture or refund made outside the gateway (Klarna's portal, an agent), learned from Klarna (issue 25)
ALTER TABLE payment_operation ADD COLUMN made_at_klarna BOOLEAN DEFAULT FALSE NOT NULL;

-- A late transaction is voided at Klarna; "release" is the partner's money step only (ADR 0032).
UPDATE payment SET release_state = 'VOIDING' WHERE release_state = 'RELEASING';
UPDATE payment SET release_state = 'VOIDED' WHERE release_state = 'RELEASED';

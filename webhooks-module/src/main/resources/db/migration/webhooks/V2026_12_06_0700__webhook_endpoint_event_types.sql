-- the event types a partner chose for its own notification endpoint (issue 28, item 5); no row,
-- or an empty list: every event type
CREATE TABLE webhook_endpoint (
    merchant_id  VARCHAR(40)   PRIMARY KEY,
    event_types  VARCHAR(2000) NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

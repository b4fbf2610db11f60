-- Each dispute's timeline (issue 26): what Klarna told (opened, moved, won, lost), the due-soon
-- notice, and what the merchant answered, each with its time and who told or did it.
CREATE TABLE dispute_event (
    id            VARCHAR(40)   PRIMARY KEY,
    dispute_id    VARCHAR(40)   NOT NULL REFERENCES dispute (id),
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    kind          VARCHAR(40)   NOT NULL,
    state         VARCHAR(20)   NOT NULL,
    outcome       VARCHAR(10),
    done_by       VARCHAR(200)
);
CREATE INDEX dispute_event_dispute_ix ON dispute_event (dispute_id, occurred_at);

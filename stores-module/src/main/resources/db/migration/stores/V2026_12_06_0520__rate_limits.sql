-- Rate limits per API key (issue 30). A merchant's limit (requests a minute per key; NULL: the
-- gateway's default, gateway.rate-limit.per-minute). Each instance adds its calls to its own row per
-- key and minute, and reads the sum of every instance's rows, so a cluster shares the limit.
ALTER TABLE merchant ADD COLUMN rate_limit_per_minute INTEGER;
CREATE TABLE api_rate_use (
    key_id       VARCHAR(40) NOT NULL,
    window_start BIGINT      NOT NULL,
    instance_id  VARCHAR(40) NOT NULL,
    used         BIGINT      NOT NULL,
    CONSTRAINT api_rate_use_pk PRIMARY KEY (key_id, window_start, instance_id)
);
CREATE INDEX api_rate_use_window_ix ON api_rate_use (window_start);

-- Merchants (Klarna partners), their API keys, stores and terminals.
-- Ids are opaque strings with a kind prefix (mer_, key_, sto_, ter_), minted by the application.

CREATE TABLE merchant (
    id                         VARCHAR(40)   NOT NULL PRIMARY KEY,
    name                       VARCHAR(200)  NOT NULL,
    klarna_partner_account_id  VARCHAR(200)  NOT NULL,
    status                     VARCHAR(16)   NOT NULL,
    notification_url           VARCHAR(2000),
    webhook_secret             VARCHAR(200)  NOT NULL,
    created_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    version                    BIGINT        NOT NULL,
    CONSTRAINT merchant_partner_account_uk UNIQUE (klarna_partner_account_id),
    CONSTRAINT merchant_status_ck CHECK (status IN ('ACTIVE', 'SUSPENDED'))
);

-- Only a SHA-256 of the key is kept; the prefix lets people recognise a key.
CREATE TABLE api_key (
    id            VARCHAR(40)  NOT NULL PRIMARY KEY,
    merchant_id   VARCHAR(40)  NOT NULL REFERENCES merchant (id),
    label         VARCHAR(100) NOT NULL,
    prefix        VARCHAR(16)  NOT NULL,
    key_hash      VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_key_hash_uk UNIQUE (key_hash)
);
CREATE INDEX api_key_merchant_ix ON api_key (merchant_id);

CREATE TABLE store (
    id                   VARCHAR(40)   NOT NULL PRIMARY KEY,
    merchant_id          VARCHAR(40)   NOT NULL REFERENCES merchant (id),
    type                 VARCHAR(16)   NOT NULL,
    store_reference      VARCHAR(100)  NOT NULL,
    name                 VARCHAR(200),
    street_address       VARCHAR(200),
    street_address2      VARCHAR(200),
    postal_code          VARCHAR(20),
    city                 VARCHAR(100),
    region               VARCHAR(100),
    country              VARCHAR(2),
    url                  VARCHAR(2000),
    platform             VARCHAR(16),
    bundle_names         VARCHAR(2000),
    klarna_store_id      VARCHAR(200),
    onboarding_status    VARCHAR(16)   NOT NULL,
    onboarding_error     VARCHAR(1000),
    onboarding_attempts  INTEGER       NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    version              BIGINT        NOT NULL,
    CONSTRAINT store_reference_uk UNIQUE (merchant_id, store_reference),
    CONSTRAINT store_type_ck CHECK (type IN ('PHYSICAL_STORE', 'WEBSITE', 'MOBILE_APP')),
    CONSTRAINT store_onboarding_ck CHECK (onboarding_status IN ('PENDING', 'ONBOARDED', 'FAILED'))
);

CREATE TABLE terminal (
    id                  VARCHAR(40)  NOT NULL PRIMARY KEY,
    merchant_id         VARCHAR(40)  NOT NULL REFERENCES merchant (id),
    store_id            VARCHAR(40)  NOT NULL REFERENCES store (id),
    terminal_reference  VARCHAR(100) NOT NULL,
    name                VARCHAR(200),
    has_display         BOOLEAN      NOT NULL,
    active              BOOLEAN      NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    version             BIGINT       NOT NULL,
    CONSTRAINT terminal_reference_uk UNIQUE (merchant_id, terminal_reference)
);
CREATE INDEX terminal_store_ix ON terminal (store_id);

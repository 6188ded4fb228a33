-- Sign-in lockouts and the contact-form limit, shared by every node (docs/adr/0016). One row per counter; the key is
-- the SHA-256 (hex) of scope and subject, so no email or client address is stored; scope (staff-login, portal-login,
-- contact-form) lets an operator reset one kind. A row counts until expires_at.
CREATE TABLE rate_counters (
    counter_key CHAR(64)                 NOT NULL,
    scope       VARCHAR(16)              NOT NULL,
    hits        INTEGER                  NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (counter_key)
);
-- The sweep deletes run-out rows.
CREATE INDEX rate_counters_expires_at ON rate_counters (expires_at);

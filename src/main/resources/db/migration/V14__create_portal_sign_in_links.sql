-- One-time sign-in links for the customer portal: only the SHA-256 of the token is stored.
CREATE TABLE portal_sign_in_links (
    token_hash CHAR(64)                 NOT NULL PRIMARY KEY,
    contact_id BIGINT                   NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX portal_sign_in_links_contact_idx ON portal_sign_in_links (contact_id, created_at);

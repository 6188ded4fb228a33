-- One-time password reset links for staff members, issued by an admin: only the SHA-256 of the token is stored.
CREATE TABLE staff_password_resets (
    token_hash CHAR(64)                 NOT NULL PRIMARY KEY,
    staff_id   BIGINT                   NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX staff_password_resets_staff_idx ON staff_password_resets (staff_id, used_at);

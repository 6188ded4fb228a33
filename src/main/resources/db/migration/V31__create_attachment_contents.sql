-- Attachment bytes in the database (postdesk.attachments.store=database, the default): one row per distinct content,
-- keyed by the SHA-256 that attachments.sha256 names, written in the message's transaction. See docs/adr/0015.
CREATE TABLE attachment_contents (
    sha256  CHAR(64) PRIMARY KEY,
    size    BIGINT   NOT NULL,
    content BYTEA    NOT NULL
);

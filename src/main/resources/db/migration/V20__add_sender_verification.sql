-- Sender verification (ADR 0007). What the channel itself reported about the sender (SendGrid's and Mailgun's
-- SPF/DKIM fields, as an Authentication-Results value), kept with the raw mail so re-processing judges the same,
-- and the verdict the pipeline reached, for the processed-mail log.
ALTER TABLE inbound_mails ADD COLUMN channel_verdict TEXT;
ALTER TABLE inbound_mails ADD COLUMN sender_verdict VARCHAR(20);

-- Mailgun signs only timestamp + token, never the body: each token is remembered with the body it came with for as
-- long as its signature is accepted, so a captured signature cannot carry a different body. In the database, so a
-- replay to another app node is caught too.
CREATE TABLE webhook_replay_tokens (
    token       VARCHAR(200)             NOT NULL PRIMARY KEY,
    body_sha256 CHAR(64)                 NOT NULL,
    seen_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX webhook_replay_tokens_seen_idx ON webhook_replay_tokens (seen_at);

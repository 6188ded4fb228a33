-- Bounce and complaint reports about mail Postdesk sent: the mail's outbox row becomes 'bounced' (its diagnostic in
-- last_error), found by the Message-ID the report names, so that lookup is indexed. A hard bounce also warns about
-- the contact's address (bounced_at, bounce_reason) until the contact writes in again.
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'bounced'));
CREATE INDEX outbox_internet_message_id_idx ON outbox (internet_message_id);
ALTER TABLE contacts ADD COLUMN bounced_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE contacts ADD COLUMN bounce_reason VARCHAR(300);

-- Who holds a mail that is 'sending': the worker's claim renews its lease (claimed_until) by this token while it
-- sends, and checks it before each mail, so a lease that ran out and was taken over by another worker is not sent twice.
ALTER TABLE outbox ADD COLUMN claim_token VARCHAR(36);

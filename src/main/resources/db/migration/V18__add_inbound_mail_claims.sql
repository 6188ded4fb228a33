-- Processing claims are leases: a node owns a 'received' mail until claimed_until, so several nodes (and the resume
-- job) never run the same mail at once, and a crashed node's mail is taken up again as soon as its lease expires.
-- next_attempt_at holds back a mail whose last attempt failed transiently (lock timeout, lost connection) until its
-- backoff is over.
ALTER TABLE inbound_mails ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE inbound_mails ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;

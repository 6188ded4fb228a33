-- The resume job asks every few seconds for the oldest 'received' mails whose lease has expired: the index walks the
-- few unfinished mails in id order, however many processed ones the table holds.
CREATE INDEX inbound_mails_resume_idx ON inbound_mails (status, id);

-- Who is on a ticket page right now (the collision notice). Shared by every app node; each poll updates its own row.
-- A row older than the presence window (~30 s) is ignored by readers and deleted when a new row is written.
CREATE TABLE ticket_presence (
    ticket_id BIGINT                   NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    staff_id  BIGINT                   NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    state     VARCHAR(16)              NOT NULL,
    seen_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (ticket_id, staff_id),
    CONSTRAINT ticket_presence_state_check CHECK (state IN ('viewing', 'replying'))
);
-- The clean-up deletes by age.
CREATE INDEX ticket_presence_seen_at_idx ON ticket_presence (seen_at);

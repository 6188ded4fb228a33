CREATE TABLE ticket_tags (
    ticket_id BIGINT      NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    tag       VARCHAR(50) NOT NULL,
    PRIMARY KEY (ticket_id, tag)
);
CREATE INDEX ticket_tags_tag_idx ON ticket_tags (tag);

CREATE TABLE ticket_collaborators (
    ticket_id  BIGINT                   NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    contact_id BIGINT                   NOT NULL REFERENCES contacts (id),
    added_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (ticket_id, contact_id)
);
CREATE INDEX ticket_collaborators_contact_idx ON ticket_collaborators (contact_id);

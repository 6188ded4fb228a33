-- The word index of the ticket list's search: every word of a ticket's subject and of its contact's email address,
-- lower-cased. A search word matches by prefix through the primary key ("refu" finds "refund"), so search is an
-- index range scan instead of a LIKE scan over every ticket. Filled for existing tickets by V16.
CREATE TABLE ticket_words (
    word      VARCHAR(100) NOT NULL,
    ticket_id BIGINT       NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    PRIMARY KEY (word, ticket_id)
);
CREATE INDEX ticket_words_ticket_idx ON ticket_words (ticket_id);

-- Full-text search (V39 on PostgreSQL, Lucene on H2, docs/adr/0020) replaces the word table of ADR 0005/0013.
DROP TABLE ticket_words;

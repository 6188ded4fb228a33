-- A merged ticket points at the ticket it was merged into (always the final one: merging a target later repoints
-- every ticket merged into it), so mail that threads to the merged ticket is handed on with one lookup (ADR 0021).
ALTER TABLE tickets ADD COLUMN merged_into_id BIGINT REFERENCES tickets (id) ON DELETE SET NULL;
CREATE INDEX tickets_merged_into_idx ON tickets (merged_into_id);

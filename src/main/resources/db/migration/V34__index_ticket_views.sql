-- The list's views and sortable columns (ADR 0018). Priority sorts by urgency, not by its word, so the
-- rank is a column the application keeps in step with priority (low 0 … urgent 3) and an index can serve it.
ALTER TABLE tickets ADD COLUMN priority_rank SMALLINT NOT NULL DEFAULT 1;
UPDATE tickets SET priority_rank = CASE priority WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 ELSE 3 END;
-- Sort by last update, and by priority then newest.
CREATE INDEX tickets_updated_list_idx ON tickets (spam, updated_at DESC, id DESC);
CREATE INDEX tickets_priority_rank_list_idx ON tickets (spam, priority_rank DESC, created_at DESC, id DESC);
-- My tickets and Unassigned: the page and its bounded count read this index alone (status is in it for the
-- "not solved" condition; assignee_id IS NULL is an index range like any other value).
CREATE INDEX tickets_assignee_list_idx ON tickets (spam, assignee_id, created_at DESC, id DESC, status);

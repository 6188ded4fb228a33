-- Running counts per (spam, status, priority), kept in step with tickets by the application in the
-- same transaction, so the status buttons never count the whole ticket table.
CREATE TABLE ticket_counts (
    spam     BOOLEAN     NOT NULL,
    status   VARCHAR(20) NOT NULL,
    priority VARCHAR(10) NOT NULL,
    n        BIGINT      NOT NULL,
    PRIMARY KEY (spam, status, priority)
);
INSERT INTO ticket_counts (spam, status, priority, n)
SELECT sp.v, st.v, pr.v, 0
FROM (VALUES (TRUE), (FALSE)) AS sp(v),
     (VALUES ('open'), ('in_progress'), ('pending'), ('resolved'), ('closed')) AS st(v),
     (VALUES ('low'), ('medium'), ('high'), ('urgent')) AS pr(v);

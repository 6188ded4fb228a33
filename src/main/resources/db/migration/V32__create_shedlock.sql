-- ShedLock's lock table (docs/adr/0016): one row per cluster-wide lease, e.g. the mailbox fetch. Times are UTC and
-- come from the database clock (usingDbTime), so nodes with skewed clocks still agree on who holds a lease.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL,
    lock_until TIMESTAMP    NOT NULL,
    locked_at  TIMESTAMP    NOT NULL,
    locked_by  VARCHAR(255) NOT NULL,
    PRIMARY KEY (name)
);

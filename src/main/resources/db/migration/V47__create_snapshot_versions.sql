-- One row per table held in memory as a snapshot (docs/adr/0024): a writer bumps the version in the transaction that
-- changes the table; every node reads the three rows a few times a second and reloads a snapshot whose version moved.
CREATE TABLE snapshot_versions (
    name VARCHAR(40) NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);

INSERT INTO snapshot_versions (name, version) VALUES ('settings', 0);
INSERT INTO snapshot_versions (name, version) VALUES ('spam_list', 0);
INSERT INTO snapshot_versions (name, version) VALUES ('staff', 0);

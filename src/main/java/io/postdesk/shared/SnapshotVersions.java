package io.postdesk.shared;

/**
 * The version of each table held as a {@link Snapshot}, shared by every node (docs/adr/0024): a writer bumps it in the
 * transaction that changes the table, and every node notices the new version within a poll interval and forgets its
 * copy. {@link #current} is read on every snapshot access and must never touch the database.
 */
public interface SnapshotVersions {

    /** The version this node last saw for the table; never blocks, never does I/O. */
    long current(String table);

    /** Raises the table's version inside the caller's transaction, so the bump commits (or rolls back) with the change. */
    void bump(String table);

    /** For snapshots outside a cluster (unit tests, tools): versions never change, only the age rule applies. */
    SnapshotVersions NONE = new SnapshotVersions() {
        @Override
        public long current(String table) {
            return 0;
        }

        @Override
        public void bump(String table) {}
    };
}

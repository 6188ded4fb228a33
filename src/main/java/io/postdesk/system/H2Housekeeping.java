package io.postdesk.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 file small while it is open. With {@code WRITE_DELAY=0} (ADR 0006) H2's background writer,
 * which also does this housekeeping, is off and every commit writes a chunk of its own that stays mostly garbage, so
 * the file would grow about ten times faster than its data. Every run rewrites the live pages of the sparsest chunks
 * in short steps (each holds H2's store lock, pausing commits) until its time is up or nothing is left to rewrite,
 * then moves a few chunks towards the start of the file so that it can shrink. It keeps H2's retention time (45 s): chunks written since then are
 * left alone, so after a power loss the last version on disk is still readable; {@code MVStore.compactFile} would set
 * it to 0 for good. Active only on an embedded H2 file database: on PostgreSQL or in-memory H2 it schedules nothing.
 */
@Component
class H2Housekeeping implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

    /**
     * Rewriting goes on while less of the chunks' bytes than this is live, and chunks move while less of the file than
     * this is in use; H2's own housekeeping aims at 81 % while the store is busy.
     */
    private static final int TARGET_FILL_RATE = 80;

    /** Live bytes one step rewrites: the longest a step holds the store lock, pausing commits, follows from it. */
    private static final int STEP_BYTES = 1024 * 1024;

    /**
     * Bytes of chunks moved towards the start of the file per run, so that its end can be cut off. The move holds the
     * store lock throughout (two syncs included), so this bounds the longest pause of a run.
     */
    private static final long MOVE_BYTES = 8 * 1024 * 1024;

    private final DataSource dataSource;
    private final SystemProperties properties;
    private boolean warned;

    H2Housekeeping(DataSource dataSource, SystemProperties properties) {
        this.dataSource = dataSource;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (isEmbeddedH2File()) {
            registrar.addFixedDelayTask(this::compact, properties.h2HousekeepingInterval());
            log.debug("H2 housekeeping every {}", properties.h2HousekeepingInterval());
        }
    }

    /** Asked of a real connection rather than read from the URL, which has many spellings ({@code jdbc:h2:./db}). */
    boolean isEmbeddedH2File() {
        try (Connection connection = dataSource.getConnection()) {
            return fileStore(connection).isPresent();
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not tell whether the database is an embedded H2 file; no H2 housekeeping", e);
            return false;
        }
    }

    /** One run; never throws, since a failed compaction only costs disk space. */
    void compact() {
        long started = System.nanoTime();
        long deadline = started + properties.h2HousekeepingMaxRun().toNanos();
        // The pooled connection keeps the database open for the run.
        try (Connection connection = dataSource.getConnection()) {
            Optional<MVStore> found = fileStore(connection);
            if (found.isEmpty()) {
                return;
            }
            MVStore store = found.get();
            long sizeBefore = store.getFileStore().size();
            int steps = 0;
            long longestStep = 0;
            long stepStarted = System.nanoTime();
            int idle = 0;
            // Each step takes and releases the store lock itself, so commits waiting for it go first.
            while (stepStarted - deadline < 0 && idle < 2) {
                boolean rewritten = store.compact(TARGET_FILL_RATE, STEP_BYTES);
                // Writes the rewritten pages now rather than with the next mail's commit, which would wait for them;
                // it also lets H2 account for pages freed since, so a step that found nothing may find more next.
                store.commit();
                idle = rewritten ? 0 : idle + 1;
                steps++;
                long now = System.nanoTime();
                longestStep = Math.max(longestStep, now - stepStarted);
                stepStarted = now;
            }
            if (System.nanoTime() - deadline < 0 && store.getFileStore() instanceof RandomAccessStore file) {
                // H2 syncs the file before it overwrites a moved chunk's old place, so this needs no retention time.
                file.compactMoveChunks(TARGET_FILL_RATE, MOVE_BYTES, store);
            }
            log.debug(
                    "H2 housekeeping: {} rewrite steps (longest {} ms) in {} ms, file {} -> {} KiB, {} % of it in use,"
                            + " chunks {} % live",
                    steps,
                    longestStep / 1_000_000,
                    (System.nanoTime() - started) / 1_000_000,
                    sizeBefore / 1024,
                    store.getFileStore().size() / 1024,
                    store.getFillRate(),
                    store.getFileStore().getChunksFillRate());
        } catch (SQLException | RuntimeException e) {
            if (!warned) {
                warned = true;
                log.warn("H2 housekeeping failed; the database file may grow until it is compacted offline", e);
            } else {
                log.debug("H2 housekeeping failed again", e);
            }
        }
    }

    /** The MVStore behind an embedded (in-process), file-based, writable H2 database. */
    private static Optional<MVStore> fileStore(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return Optional.empty();
        }
        Database database = session.getDatabase();
        if (!database.isPersistent() || database.isReadOnly() || database.getStore() == null) {
            return Optional.empty();
        }
        MVStore store = database.getStore().getMvStore();
        return store.getFileStore() == null || store.isClosed() ? Optional.empty() : Optional.of(store);
    }
}

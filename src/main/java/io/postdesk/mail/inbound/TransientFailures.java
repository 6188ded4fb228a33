package io.postdesk.mail.inbound;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionTimedOutException;

/**
 * Tells a failure that may pass (a lock timeout, a deadlock, a serialization failure, a lost or exhausted connection, a
 * statement or transaction timeout) from one that the mail will cause again. A transient failure is retried later
 * with backoff; any other quarantines the mail at once.
 */
final class TransientFailures {

    /** H2's "Timeout trying to lock table" (its SQLState HYT00 is shared with other timeouts). */
    private static final int H2_LOCK_TIMEOUT = 50200;

    private TransientFailures() {}

    static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (isTransientItself(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientItself(Throwable t) {
        // TransientDataAccessException covers Spring's lock, deadlock, serialization and query timeout failures.
        if (t instanceof TransientDataAccessException
                || t instanceof RecoverableDataAccessException
                || t instanceof CannotGetJdbcConnectionException
                || t instanceof CannotCreateTransactionException
                || t instanceof TransactionTimedOutException
                || t instanceof SQLTransientException
                || t instanceof SQLRecoverableException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            return sql.getErrorCode() == H2_LOCK_TIMEOUT
                    || state != null
                            && (state.startsWith("40") // transaction rollback: serialization failure, deadlock
                                    || state.startsWith("08") // connection exception
                                    || state.equals("55P03") // PostgreSQL lock_not_available (lock_timeout)
                                    || state.equals("57014")); // query canceled, as by a statement timeout
        }
        return false;
    }
}

package io.postdesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionTimedOutException;

class TransientFailuresTests {

    @Test
    void retriesLockTimeoutsDeadlocksAndTimeoutsAsSpringNamesThem() {
        assertThat(TransientFailures.isTransient(new CannotAcquireLockException("lock")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new PessimisticLockingFailureException("deadlock")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new QueryTimeoutException("slow")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new RecoverableDataAccessException("reconnect")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new TransactionTimedOutException("deadline")))
                .isTrue();
    }

    @Test
    void retriesByTheSqlStateAndH2sLockTimeoutWhenSpringDidNotTranslate() {
        assertThat(isTransient(new SQLException("Timeout trying to lock table TICKET_COUNTS", "HYT00", 50200)))
                .isTrue();
        assertThat(isTransient(new SQLException("could not serialize access", "40001")))
                .isTrue();
        assertThat(isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(isTransient(new SQLException("connection lost", "08006"))).isTrue();
        assertThat(isTransient(new SQLException("canceling statement due to lock timeout", "55P03")))
                .isTrue();
        assertThat(isTransient(new SQLTransientConnectionException("pool exhausted")))
                .isTrue();
    }

    @Test
    void findsTheTransientCauseUnderAStepFailure() {
        var failure = new InboundPipeline.StepFailure(
                "apply_to_conversation", new IllegalStateException(new CannotAcquireLockException("lock")));

        assertThat(TransientFailures.isTransient(failure)).isTrue();
    }

    @Test
    void quarantinesWhatTheMailWillCauseAgain() {
        assertThat(TransientFailures.isTransient(new DataIntegrityViolationException("too long")))
                .isFalse();
        assertThat(isTransient(new SQLException("invalid byte sequence for encoding UTF8: 0x00", "22021")))
                .isFalse();
        assertThat(TransientFailures.isTransient(new StackOverflowError())).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("bad")))
                .isFalse();
    }

    @Test
    void survivesACauseChainThatLoops() {
        var first = new IllegalStateException("first");
        var second = new IllegalStateException("second", first);
        first.initCause(second);

        assertThat(TransientFailures.isTransient(first)).isFalse();
    }

    private static boolean isTransient(SQLException e) {
        return TransientFailures.isTransient(new UncategorizedSQLException("insert", "INSERT ...", e));
    }
}

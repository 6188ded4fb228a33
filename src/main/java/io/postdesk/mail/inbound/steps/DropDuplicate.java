package io.postdesk.mail.inbound.steps;

import io.postdesk.mail.inbound.InboundLog;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.InboundMails;
import io.postdesk.mail.inbound.InboundStep;
import io.postdesk.mail.inbound.MailClaims;
import io.postdesk.mail.inbound.Outcome;
import io.postdesk.mail.inbound.Verdict;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;

/**
 * A mail is processed once, however often it is delivered. A re-delivery of a finished mail is answered
 * {@code duplicate} with what the first delivery made; of one still {@code received}, it claims the mail and runs it
 * now (the sender's retry is a good moment for a retry of ours), or waits for the run in flight, up to
 * {@link #WAIT_FOR_RUN}. A mail whose attempts ran out (runs a crash never let finish) is quarantined here rather than
 * tried again.
 */
@Component
public class DropDuplicate implements InboundStep {

    private static final Duration POLL = Duration.ofMillis(50);

    /**
     * How long a re-delivery waits for a run in flight before it is deferred (the sender delivers again later). Far
     * less than a lease: when the run's node died, its claim holds until the lease ends, and a sender waiting all that
     * time stalls its whole queue (seen in TwoNodeIT: ~29 s without an answer after a kill -9); the stored mail is
     * finished by the resume job once the lease has run out.
     */
    static final Duration WAIT_FOR_RUN = Duration.ofSeconds(8);

    private final InboundLog log;
    private final MailClaims claims;

    DropDuplicate(InboundLog log, MailClaims claims) {
        this.log = log;
        this.claims = claims;
    }

    @Override
    public Verdict apply(InboundMail mail) {
        if (mail.dryRun()) {
            return new Verdict.Continue(mail, "dry run: not checked");
        }
        if (mail.isClaimed()) {
            return attempt(mail);
        }
        long giveUp = System.nanoTime() + WAIT_FOR_RUN.toNanos();
        while (true) {
            Optional<Verdict.Stop> first = log.finished(mail.inboundId());
            if (first.isPresent()) {
                return new Verdict.Stop(
                        Outcome.DUPLICATE,
                        "duplicate",
                        "a re-delivery of #" + mail.inboundId() + ", which is processed already",
                        first.get().applied());
            }
            OptionalInt attempt = claims.claim(mail.inboundId(), false);
            if (attempt.isPresent()) {
                return attempt(mail.withStored(mail.inboundId(), attempt.getAsInt()));
            }
            if (System.nanoTime() > giveUp) {
                throw new InboundMails.ProcessingDeferred(mail.inboundId(), "another run still holds it");
            }
            pause();
        }
    }

    private static Verdict attempt(InboundMail mail) {
        if (mail.attempt() > MailClaims.MAX_ATTEMPTS) {
            return new Verdict.Stop(
                    Outcome.QUARANTINED,
                    "too_many_attempts",
                    "gave up after " + MailClaims.MAX_ATTEMPTS + " attempts that did not finish",
                    null);
        }
        return new Verdict.Continue(mail, mail.attempt() == 1 ? "first attempt" : "attempt " + mail.attempt());
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

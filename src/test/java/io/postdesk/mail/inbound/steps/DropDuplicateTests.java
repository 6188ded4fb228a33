package io.postdesk.mail.inbound.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.postdesk.mail.inbound.InboundLog;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.MailClaims;
import io.postdesk.mail.inbound.Outcome;
import io.postdesk.mail.inbound.TestMails;
import io.postdesk.mail.inbound.Verdict;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DropDuplicateTests {

    private final InboundLog log = mock(InboundLog.class);
    private final MailClaims claims = mock(MailClaims.class);
    private final DropDuplicate step = new DropDuplicate(log, claims);
    private final TestMails mail = TestMails.from("olga@example.com");

    @Test
    void answersAReDeliveryOfAFinishedMailAsDuplicateWithWhatTheFirstDeliveryMade() {
        var first = new Verdict.Stop(Outcome.CREATED, null, "opened", new Verdict.Applied(5L, null, 8L));
        when(log.finished(17)).thenReturn(Optional.of(first));

        var stop = (Verdict.Stop) step.apply(reDelivery(17));

        assertThat(stop.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(stop.reason()).isEqualTo("duplicate");
        assertThat(stop.detail()).isEqualTo("a re-delivery of #17, which is processed already");
        assertThat(stop.ticketId()).isEqualTo(5L);
        assertThat(stop.messageId()).isEqualTo(8L);
        verify(claims, never()).claim(17, false);
    }

    @Test
    void aReDeliveryOfAMailStillReceivedClaimsItAndRunsItNow() {
        when(log.finished(17)).thenReturn(Optional.empty());
        when(claims.claim(17, false)).thenReturn(OptionalInt.of(2));

        var next = (Verdict.Continue) step.apply(reDelivery(17));

        assertThat(next.mail().inboundId()).isEqualTo(17);
        assertThat(next.mail().attempt()).isEqualTo(2);
        assertThat(next.mail().isClaimed()).isTrue();
        assertThat(next.detail()).isEqualTo("attempt 2");
    }

    @Test
    void waitsForTheRunInFlightAndAnswersWithWhatItFinished() {
        var finished = new Verdict.Stop(Outcome.APPENDED, null, "appended", new Verdict.Applied(5L, null, 9L));
        when(log.finished(17)).thenReturn(Optional.empty(), Optional.of(finished));
        when(claims.claim(17, false)).thenReturn(OptionalInt.empty());

        var stop = (Verdict.Stop) step.apply(reDelivery(17));

        assertThat(stop.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(stop.messageId()).isEqualTo(9L);
    }

    @Test
    void goesOnWithTheFirstAttemptOfAFreshMail() {
        var next = (Verdict.Continue) step.apply(InboundMail.claimed(17, 1, false, StepMails.delivery(mail)));

        assertThat(next.detail()).isEqualTo("first attempt");
        assertThat(next.mail().attempt()).isEqualTo(1);
        verifyNoInteractions(log, claims);
    }

    @Test
    void goesOnWithTheLastAttemptAllowed() {
        var next = (Verdict.Continue)
                step.apply(InboundMail.claimed(17, MailClaims.MAX_ATTEMPTS, false, StepMails.delivery(mail)));

        assertThat(next.detail()).isEqualTo("attempt " + MailClaims.MAX_ATTEMPTS);
    }

    @Test
    void quarantinesAMailWhoseAttemptsRanOut() {
        var stop = (Verdict.Stop)
                step.apply(InboundMail.claimed(17, MailClaims.MAX_ATTEMPTS + 1, false, StepMails.delivery(mail)));

        assertThat(stop.outcome()).isEqualTo(Outcome.QUARANTINED);
        assertThat(stop.reason()).isEqualTo("too_many_attempts");
        assertThat(stop.detail())
                .isEqualTo("gave up after " + MailClaims.MAX_ATTEMPTS + " attempts that did not finish");
        assertThat(stop.applied()).isEqualTo(Verdict.Applied.NOTHING);
    }

    @Test
    void aReDeliveryClaimedPastItsAttemptsIsQuarantinedToo() {
        when(log.finished(17)).thenReturn(Optional.empty());
        when(claims.claim(17, false)).thenReturn(OptionalInt.of(MailClaims.MAX_ATTEMPTS + 1));

        var stop = (Verdict.Stop) step.apply(reDelivery(17));

        assertThat(stop.reason()).isEqualTo("too_many_attempts");
    }

    @Test
    void theDryRunChecksNothing() {
        InboundMail explained = InboundMail.dryRun(StepMails.delivery(mail));

        var next = (Verdict.Continue) step.apply(explained);

        assertThat(next.mail()).isSameAs(explained);
        assertThat(next.detail()).isEqualTo("dry run: not checked");
        verifyNoInteractions(log, claims);
    }

    /** What StoreRaw leaves of a re-delivery: the earlier copy's id, no claim. */
    private InboundMail reDelivery(long id) {
        return InboundMail.delivered(StepMails.delivery(mail)).withStored(id, 0);
    }
}

package io.postdesk.mail.inbound.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.postdesk.mail.inbound.InboundDelivery;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.RawMails;
import io.postdesk.mail.inbound.TestMails;
import io.postdesk.mail.inbound.Verdict;
import org.junit.jupiter.api.Test;

class StoreRawTests {

    private final RawMails raw = mock(RawMails.class);
    private final StoreRaw step = new StoreRaw(raw);
    private final InboundDelivery delivery = StepMails.delivery(TestMails.from("olga@example.com"));

    @Test
    void storesAFreshMailAndClaimsItForThisRunFromTheStart() {
        when(raw.store(delivery)).thenReturn(new RawMails.Copy(17, true));

        var next = (Verdict.Continue) step.apply(InboundMail.delivered(delivery));

        assertThat(next.mail().inboundId()).isEqualTo(17);
        assertThat(next.mail().attempt()).isEqualTo(1);
        assertThat(next.mail().isClaimed()).isTrue();
        assertThat(next.detail()).isEqualTo("stored " + delivery.raw().length + " bytes as #17");
    }

    @Test
    void aReDeliveryFindsTheEarlierCopyWithoutClaimingItForDropDuplicateToJudge() {
        when(raw.store(delivery)).thenReturn(new RawMails.Copy(17, false));

        var next = (Verdict.Continue) step.apply(InboundMail.delivered(delivery));

        assertThat(next.mail().inboundId()).isEqualTo(17);
        assertThat(next.mail().attempt()).isZero();
        assertThat(next.mail().isClaimed()).isFalse();
        assertThat(next.detail()).isEqualTo("already stored as #17");
    }

    @Test
    void aStoredMailRunAgainIsNotStoredTwice() {
        InboundMail retried = InboundMail.claimed(9, 3, false, delivery);

        var next = (Verdict.Continue) step.apply(retried);

        assertThat(next.mail()).isSameAs(retried);
        assertThat(next.detail()).isEqualTo("stored " + delivery.raw().length + " bytes as #9");
        verifyNoInteractions(raw);
    }

    @Test
    void theDryRunStoresNothing() {
        InboundMail explained = InboundMail.dryRun(delivery);

        var next = (Verdict.Continue) step.apply(explained);

        assertThat(next.mail()).isSameAs(explained);
        assertThat(next.mail().inboundId()).isZero();
        assertThat(next.detail()).isEqualTo("dry run: not stored");
        verifyNoInteractions(raw);
    }

    @Test
    void storesTheDeliveryExactlyAsTheChannelHandedItOver() {
        when(raw.store(any())).thenReturn(new RawMails.Copy(1, true));

        step.apply(InboundMail.delivered(delivery));

        verify(raw).store(delivery);
    }
}

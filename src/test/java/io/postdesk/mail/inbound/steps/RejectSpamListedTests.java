package io.postdesk.mail.inbound.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.postdesk.mail.inbound.InboundDelivery;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.Outcome;
import io.postdesk.mail.inbound.TestMails;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.mime.MailHtml;
import io.postdesk.mail.mime.MimeParser;
import io.postdesk.shared.EmailAddress;
import io.postdesk.spam.SpamList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RejectSpamListedTests {

    private final SpamList spamList = mock(SpamList.class);
    private final RejectSpamListed step = new RejectSpamListed(spamList);
    private final ParseMessage parse = new ParseMessage(new MimeParser(new MailHtml()));

    @Test
    void rejectsASenderOnTheSpamList() {
        when(spamList.isListed(new EmailAddress("spammer@junk.test"))).thenReturn(true);

        assertThat(step.apply(parsed(TestMails.from("spammer@junk.test"))))
                .isInstanceOfSatisfying(Verdict.Stop.class, stop -> {
                    assertThat(stop.outcome()).isEqualTo(Outcome.REJECTED);
                    assertThat(stop.reason()).isEqualTo("spam_list");
                });
    }

    @Test
    void letsOtherSendersGoOn() {
        assertThat(step.apply(parsed(TestMails.from("olga@example.com")))).isInstanceOf(Verdict.Continue.class);
    }

    @Test
    void skipsAMailWithoutSenderForTheAutomaticMailRulesToJudge() {
        Verdict verdict = step.apply(parsed(TestMails.from("<>")));

        assertThat(verdict).isInstanceOf(Verdict.Continue.class);
        assertThat(verdict.detail()).isEqualTo("no sender: not checked");
        verifyNoInteractions(spamList);
    }

    private InboundMail parsed(TestMails mail) {
        InboundMail delivered = InboundMail.dryRun(new InboundDelivery(mail.bytes(), "test", null, List.of()));
        return ((Verdict.Continue) parse.apply(delivered)).mail();
    }
}

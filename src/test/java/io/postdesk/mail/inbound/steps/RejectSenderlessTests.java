package io.postdesk.mail.inbound.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.mail.inbound.InboundDelivery;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.Outcome;
import io.postdesk.mail.inbound.TestMails;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.mime.MailHtml;
import io.postdesk.mail.mime.MimeParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class RejectSenderlessTests {

    private final ParseMessage parse = new ParseMessage(new MimeParser(new MailHtml()));
    private final RejectSenderless rejectSenderless = new RejectSenderless();

    @Test
    void parsingGoesOnWithoutASenderSoTheAutomaticMailRulesJudgeItFirst() {
        Verdict parsed = parse.apply(delivered(TestMails.from("<>").bytes(), null));

        assertThat(parsed).isInstanceOf(Verdict.Continue.class);
        assertThat(((Verdict.Continue) parsed).mail().hasSender()).isFalse();
        assertThat(parsed.detail()).startsWith("no usable sender");
    }

    @Test
    void rejectsAMailWithNoUsableSender() {
        InboundMail mail = parsed(TestMails.from("nobody").without("From").bytes(), null);

        Verdict verdict = rejectSenderless.apply(mail);

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Stop.class, stop -> {
            assertThat(stop.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(stop.reason()).isEqualTo("no_sender");
        });
    }

    @Test
    void takesTheEnvelopeSenderWhenTheFromIsUnusable() {
        InboundMail mail = parsed(TestMails.from("<>").bytes(), "olga@example.com");

        assertThat(rejectSenderless.apply(mail)).isInstanceOf(Verdict.Continue.class);
        assertThat(mail.sender().email().value()).isEqualTo("olga@example.com");
    }

    @Test
    void letsAMailWithASenderGoOn() {
        InboundMail mail = parsed(TestMails.from("Olga <olga@example.com>").bytes(), null);

        assertThat(rejectSenderless.apply(mail))
                .isInstanceOfSatisfying(
                        Verdict.Continue.class,
                        next -> assertThat(next.detail()).isEqualTo("from olga@example.com"));
    }

    private InboundMail parsed(byte[] raw, String envelopeFrom) {
        return ((Verdict.Continue) parse.apply(delivered(raw, envelopeFrom))).mail();
    }

    private static InboundMail delivered(byte[] raw, String envelopeFrom) {
        return InboundMail.dryRun(new InboundDelivery(raw, "test", envelopeFrom, List.of()));
    }
}

package io.postdesk.mail.inbound.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.mail.inbound.InboundDelivery;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.TestMails;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.mime.MailHtml;
import io.postdesk.mail.mime.MimeParser;
import io.postdesk.shared.EmailAddress;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ParseMessageTests {

    private final ParseMessage step = new ParseMessage(new MimeParser(new MailHtml()));

    @Test
    void isNamedParseInTraces() {
        assertThat(step.name()).isEqualTo("parse");
    }

    @Test
    void takesTheSenderFromTheFromHeader() {
        var next = parse(TestMails.from("Olga <Olga@Example.com>"), "bounces@mailer.test");

        assertThat(next.mail().sender().email()).isEqualTo(new EmailAddress("olga@example.com"));
        assertThat(next.mail().message().subject()).isEqualTo("Printer on fire");
        assertThat(next.detail()).isEqualTo("from olga@example.com, 0 attachment(s), text/plain");
    }

    @Test
    void fallsBackOnAValidEnvelopeSenderWhenTheMailHasNoFrom() {
        var next = parse(TestMails.from("x@example.com").without("From"), " Olga@Example.com ");

        assertThat(next.mail().sender().email()).isEqualTo(new EmailAddress("olga@example.com"));
        assertThat(next.detail()).startsWith("from olga@example.com, ");
    }

    @Test
    void goesOnWithoutASenderForABounceFromTheNullSender() {
        var next = parse(TestMails.from("<>"), "");

        assertThat(next.mail().hasSender()).isFalse();
        assertThat(next.mail().parsed()).isNotNull();
        assertThat(next.detail()).startsWith("no usable sender, ");
    }

    @Test
    void anInvalidEnvelopeSenderIsNoSenderEither() {
        var next = parse(TestMails.from("x@example.com").without("From"), "not an address");

        assertThat(next.mail().hasSender()).isFalse();
        assertThat(next.detail()).startsWith("no usable sender, ");
    }

    @Test
    void theVisibleTextLeavesOutTheQuotedHistory() {
        var next = parse(
                TestMails.from("olga@example.com")
                        .body("Still broken, see below.\n\nOn Sun, 22 Nov 2026, Acme wrote:\n> Did you try turning it"
                                + " off?\n> Acme Support\n"),
                null);

        assertThat(next.mail().visibleText()).contains("Still broken").doesNotContain("turning it off");
        assertThat(next.mail().message().text()).contains("turning it off");
    }

    @Test
    void parsesAGoldenCorpusMailWithAttachmentsAndCountsThem() throws IOException {
        var next = parse(corpus("attachments-and-inline-cid-image.eml"), null);

        int attachments = next.mail().message().attachments().size();
        assertThat(attachments).isPositive();
        assertThat(next.detail()).contains(attachments + " attachment(s)");
    }

    @Test
    void keepsEverythingEarlierStepsFoundAndTheDryRunFlag() {
        InboundMail explained = InboundMail.dryRun(
                new InboundDelivery(TestMails.from("olga@example.com").bytes(), "test", null, List.of()));

        var next = (Verdict.Continue) step.apply(explained);

        assertThat(next.mail().dryRun()).isTrue();
        assertThat(next.mail().inboundId()).isZero();
        assertThat(next.mail().delivery()).isSameAs(explained.delivery());
    }

    private Verdict.Continue parse(TestMails mail, @Nullable String envelopeFrom) {
        return parse(mail.bytes(), envelopeFrom);
    }

    private Verdict.Continue parse(byte[] raw, @Nullable String envelopeFrom) {
        var delivery = new InboundDelivery(raw, "test", envelopeFrom, List.of("help@acme.test"));
        return (Verdict.Continue) step.apply(InboundMail.claimed(42, 1, false, delivery));
    }

    private static byte[] corpus(String file) throws IOException {
        try (InputStream in =
                Objects.requireNonNull(ParseMessageTests.class.getResourceAsStream("/mail/corpus/" + file), file)) {
            return in.readAllBytes();
        }
    }
}

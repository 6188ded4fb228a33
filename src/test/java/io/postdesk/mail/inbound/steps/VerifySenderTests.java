package io.postdesk.mail.inbound.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.mail.inbound.InboundDelivery;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.SenderVerdict;
import io.postdesk.mail.inbound.TestMails;
import io.postdesk.mail.mime.MailHtml;
import io.postdesk.mail.mime.ParsedMessage;
import io.postdesk.settings.SenderVerificationSettings.SenderVerification;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The sender verdict from trusted servers' results: DMARC first, else an aligned SPF or DKIM pass. */
class VerifySenderTests {

    private static final SenderVerification TRUSTING_MX = new SenderVerification(List.of("mx.example.com"), false);

    @Test
    void dmarcPassFromATrustedServerVerifies() {
        var verdict = verdict(mail().header(
                        "Authentication-Results",
                        "mx.example.com; spf=fail smtp.mailfrom=x.test; dmarc=pass header.from=customer.test"));

        assertThat(verdict).isInstanceOf(SenderVerdict.Verified.class);
        assertThat(verdict.detail()).contains("dmarc=pass").contains("mx.example.com");
    }

    @Test
    void dmarcFailIsUnverifiedEvenWhenSpfPasses() {
        var verdict = verdict(mail().header(
                        "Authentication-Results",
                        "mx.example.com; spf=pass smtp.mailfrom=customer.test; dkim=fail header.d=customer.test;"
                                + " dmarc=fail (p=reject) header.from=customer.test"));

        assertThat(verdict).isInstanceOf(SenderVerdict.Unverified.class);
        assertThat(verdict.detail()).contains("dmarc=fail");
    }

    @Test
    void aDmarcFailInAnyTrustedHeaderWinsOverAForgedPass() {
        var verdict =
                verdict(mail().header("Authentication-Results", "mx.example.com; dmarc=fail header.from=customer.test")
                        .also("Authentication-Results", "mx.example.com; dmarc=pass header.from=customer.test"));

        assertThat(verdict).isInstanceOf(SenderVerdict.Unverified.class);
    }

    @Test
    void withoutDmarcAnAlignedSpfOrDkimPassVerifies() {
        assertThat(verdict(mail().header(
                                "Authentication-Results",
                                "mx.example.com; spf=pass smtp.mailfrom=bounce@mail.customer.test")))
                .isInstanceOf(SenderVerdict.Verified.class);
        assertThat(verdict(mail().header(
                                "Authentication-Results",
                                "mx.example.com; spf=fail smtp.mailfrom=customer.test;"
                                        + " dkim=pass header.i=@customer.test")))
                .isInstanceOf(SenderVerdict.Verified.class);
    }

    @Test
    void passesForAnotherDomainOrFailuresAloneAreUnverified() {
        var unaligned = verdict(mail().header(
                        "Authentication-Results",
                        "mx.example.com; spf=pass smtp.mailfrom=evil.test; dkim=pass header.d=evil.test"));
        var bothFail = verdict(mail().header(
                        "Authentication-Results",
                        "mx.example.com; spf=fail smtp.mailfrom=customer.test; dkim=fail header.d=customer.test"));

        assertThat(unaligned).isInstanceOf(SenderVerdict.Unverified.class);
        assertThat(unaligned.detail()).contains("no SPF or DKIM pass aligned with customer.test");
        assertThat(bothFail).isInstanceOf(SenderVerdict.Unverified.class);
    }

    @Test
    void aDmarcResultAboutAnotherFromDomainIsNotAboutThisMail() {
        var verdict =
                verdict(mail().header("Authentication-Results", "mx.example.com; dmarc=pass header.from=evil.test"));

        assertThat(verdict).isInstanceOf(SenderVerdict.Unverified.class);
    }

    @Test
    void headersFromUntrustedServersAreIgnored() {
        var verdict = verdict(mail().header("Authentication-Results", "evil.test; dmarc=pass header.from=customer.test")
                .also("Authentication-Results", "mx.example.com.evil.test; dmarc=pass"));

        assertThat(verdict).isInstanceOf(SenderVerdict.Unknown.class);
    }

    @Test
    void noTrustedVerdictIsUnknownUnlessStaffMustBeVerified() {
        var mail = parsed(mail().header("Authentication-Results", "other.test; dmarc=pass"), null);

        assertThat(VerifySender.verdict(mail, TRUSTING_MX, false)).isInstanceOf(SenderVerdict.Unknown.class);
        assertThat(VerifySender.verdict(mail, TRUSTING_MX, true))
                .isInstanceOf(SenderVerdict.Unverified.class)
                .extracting(SenderVerdict::detail)
                .asString()
                .contains("staff mail must be verified");
    }

    @Test
    void theChannelsOwnVerdictNeedsNoTrustedServer() {
        var none = new SenderVerification(List.of(), false);
        var pass = parsed(mail(), "sendgrid; spf=pass smtp.mailfrom=a@customer.test; dkim=none");
        var fail = parsed(mail(), "mailgun; spf=fail smtp.mailfrom=a@customer.test; dkim=fail");

        assertThat(VerifySender.verdict(pass, none, false)).isInstanceOf(SenderVerdict.Verified.class);
        assertThat(VerifySender.verdict(fail, none, false)).isInstanceOf(SenderVerdict.Unverified.class);
    }

    @Test
    void alignmentIsTheSameDomainOrASubDomainEitherWay() {
        assertThat(VerifySender.isAligned("customer.test", "customer.test")).isTrue();
        assertThat(VerifySender.isAligned("mail.customer.test", "customer.test"))
                .isTrue();
        assertThat(VerifySender.isAligned("customer.test", "eu.customer.test")).isTrue();
        assertThat(VerifySender.isAligned("evilcustomer.test", "customer.test")).isFalse();
        assertThat(VerifySender.isAligned("test", "customer.test")).isFalse();
        assertThat(VerifySender.isAligned(null, "customer.test")).isFalse();
    }

    private static TestMails mail() {
        return TestMails.from("Carla <carla@customer.test>");
    }

    private static SenderVerdict verdict(TestMails mail) {
        return VerifySender.verdict(parsed(mail, null), TRUSTING_MX, false);
    }

    private static InboundMail parsed(TestMails mail, @Nullable String channelVerdict) {
        byte[] raw = mail.bytes();
        ParsedMessage message = ParseMessage.parse(raw, new MailHtml());
        return InboundMail.dryRun(new InboundDelivery(raw, "test", null, List.of(), channelVerdict))
                .withParsed(message, message.from(), message.text());
    }
}

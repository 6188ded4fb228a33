package io.postdesk.mail.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.mail.report.DeliveryReport.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryReportsTests {

    @Test
    void readsAnRfc3464ReportFromPostfix() throws IOException {
        DeliveryReport report = read("rfc3464-postfix.eml");

        assertThat(report.kind()).isEqualTo(Kind.BOUNCE);
        assertThat(report.hard()).isTrue();
        assertThat(report.marksBounced()).isTrue();
        assertThat(report.originalMessageId()).isEqualTo("<pd.t7.12.0a1b2c3d4e5f6071@acme.test>");
        assertThat(report.recipients()).containsExactly("bob@example.com");
        assertThat(report.status()).isEqualTo("5.1.1");
        assertThat(report.diagnostic())
                .isEqualTo("550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual"
                        + " mailbox table");
    }

    @Test
    void readsQmailsPlainTextBounceAndTheMessageIdOfTheCopyBelowIt() throws IOException {
        DeliveryReport report = read("qmail.eml");

        assertThat(report.kind()).isEqualTo(Kind.BOUNCE);
        assertThat(report.hard()).isTrue();
        assertThat(report.originalMessageId()).isEqualTo("<pd.t9.15.1122334455667788@acme.test>");
        assertThat(report.recipients()).containsExactly("carol@example.net");
        assertThat(report.status()).isEqualTo("5.1.1");
        assertThat(report.diagnostic()).contains("no mailbox here by that name");
    }

    @Test
    void readsEximsBounceWithItsFailedRecipientsHeader() throws IOException {
        DeliveryReport report = read("exim.eml");

        assertThat(report.kind()).isEqualTo(Kind.BOUNCE);
        assertThat(report.hard()).isTrue();
        assertThat(report.originalMessageId()).isEqualTo("<pd.t12.21.0011223344556677@acme.test>");
        assertThat(report.recipients()).containsExactly("erin@example.org");
        assertThat(report.status()).isEqualTo("5.2.1");
    }

    @Test
    void readsEximsDelayWarningAsSoftWithoutMarkingTheMailBounced() throws IOException {
        DeliveryReport report = read("exim-delay.eml");

        assertThat(report.kind()).isEqualTo(Kind.DELAY);
        assertThat(report.hard()).isFalse();
        assertThat(report.marksBounced()).isFalse();
        assertThat(report.originalMessageId()).isEqualTo("<pd.t11.20.99aabbccddeeff00@acme.test>");
        assertThat(report.recipients()).containsExactly("dave@example.org");
        assertThat(report.status()).isEqualTo("4.2.2");
    }

    @Test
    void readsAnArfReportAsAComplaintAboutTheMailInItsHeaders() throws IOException {
        DeliveryReport report = read("arf.eml");

        assertThat(report.kind()).isEqualTo(Kind.COMPLAINT);
        assertThat(report.marksBounced()).isTrue();
        assertThat(report.originalMessageId()).isEqualTo("<pd.t13.22.8899aabbccddeeff@acme.test>");
        assertThat(report.recipients()).containsExactly("frank@example.com");
        assertThat(report.diagnostic()).isEqualTo("complaint (abuse) from SomeGenerator/1.0");
    }

    @Test
    void readsAPersonsReplyThatQuotesAMessageIdAsNoReport() throws IOException {
        assertThat(DeliveryReports.read(bytes("person.eml"))).isEmpty();
    }

    @Test
    void readsAReadReceiptAsNoReportThoughItNamesTheOriginalAndItsRecipient() throws IOException {
        assertThat(DeliveryReports.read(bytes("read-receipt.eml"))).isEmpty();
    }

    @Test
    void readsACustomersMailAboutAFailedDeliveryAsNoReport() {
        String mail = "From: Bob <bob@example.com>\r\nTo: support@acme.test\r\nSubject: Fwd: Delivery failed [#7]\r\n"
                + "Message-ID: <bob-3@example.com>\r\n\r\nThe parcel could not be delivered, see below.\r\n\r\n"
                + "-------- Forwarded Message --------\r\nFrom: Acme Support <support@acme.test>\r\n"
                + "To: bob@example.com\r\nMessage-ID: <pd.t7.12.0a1b2c3d4e5f6071@acme.test>\r\n\r\nYour parcel ships today.\r\n";

        assertThat(DeliveryReports.read(mail.getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
    }

    @Test
    void keepsTheDiagnosticOneLineWithoutControlCharactersAndCapped() {
        String hostile = "550 5.1.1 user\u0000 unknown\r\nBcc: victim@example.com\u202e\t" + "x".repeat(5000);

        String clean = DeliveryReports.clean(hostile);

        assertThat(clean).startsWith("550 5.1.1 user unknown Bcc: victim@example.com x");
        assertThat(clean).doesNotContain("\r", "\n", "\u0000", "\u202e", "\t");
        assertThat(clean).hasSizeLessThanOrEqualTo(DeliveryReports.MAX_DIAGNOSTIC);
    }

    @Test
    void readsAHugeDeeplyNestedReportWithinItsBudget() {
        var mail = new StringBuilder(
                "From: MAILER-DAEMON@mx.example.net\r\nSubject: Undelivered Mail Returned to Sender\r\n"
                        + "Content-Type: multipart/report; report-type=delivery-status; boundary=b0\r\n\r\n");
        for (int i = 0; i < 5000; i++) {
            mail.append("--b")
                    .append(i)
                    .append("\r\nContent-Type: multipart/mixed; boundary=b")
                    .append(i + 1)
                    .append("\r\n\r\n");
        }
        mail.append("Final-Recipient: rfc822; bob@example.com\r\n").append("y".repeat(3_000_000));
        long start = System.nanoTime();

        var report = DeliveryReports.read(mail.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ReportParts.BUDGET.plusSeconds(1));
        assertThat(report).isPresent(); // a multipart/report, though nothing in it could be read
    }

    @Test
    void readsHostileTextWithoutDeepRecursionOrLongBacktracking() {
        String header = "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail\nReturn-Path: <>\n\n";
        for (String body : new String[] {
            "Diagnostic-Code: smtp; 550\n" + " folded\n".repeat(60_000),
            "user unknown\nTo: x\n" + " folded\n".repeat(60_000),
            "user unknown " + "a".repeat(250_000),
            "user unknown " + "a.".repeat(125_000) + "@",
            "user unknown " + "550 ".repeat(60_000)
        }) {
            long start = System.nanoTime();

            var report = DeliveryReports.read((header + body).getBytes(StandardCharsets.US_ASCII));

            assertThat(report).isPresent();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void acceptsOnlyWellFormedMessageIds() {
        assertThat(DeliveryReports.normalisedId(" <a.b@c.d> ")).isEqualTo("<a.b@c.d>");
        assertThat(DeliveryReports.normalisedId("a.b@c.d")).isEqualTo("<a.b@c.d>");
        assertThat(DeliveryReports.normalisedId("<no-at-sign>")).isNull();
        assertThat(DeliveryReports.normalisedId("<a\u00e9@c.d>")).isNull();
    }

    private static DeliveryReport read(String name) throws IOException {
        return DeliveryReports.read(bytes(name)).orElseThrow(() -> new AssertionError(name + " read as no report"));
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = DeliveryReportsTests.class.getResourceAsStream("/mail/report/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}

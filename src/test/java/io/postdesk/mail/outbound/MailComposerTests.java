package io.postdesk.mail.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.shared.EmailAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailComposerTests {

    private final MailComposer composer =
            new MailComposer(null, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC), brand());

    @Test
    void foldsLineBreaksInSubjectAndNamesSoNoHeaderCanBeSmuggled() {
        ComposedMail mail =
                composer.compose(draft("Hello\r\nBcc: victim@example.com", "Evil\r\nBcc: victim@example.com", false));

        String headers = mail.mime().substring(0, mail.mime().indexOf("\r\n\r\n"));
        assertThat(headers.lines()).noneMatch(line -> line.regionMatches(true, 0, "Bcc:", 0, 4));
        assertThat(mail.recipients()).containsExactly("bob@example.com");
        assertThat(mail.subject()).isEqualTo("Hello Bcc: victim@example.com");
    }

    @Test
    void writesThreadingHeadersAndMarksAutomaticMail() {
        ComposedMail mail = composer.compose(draft("Notice", "Acme", true));

        assertThat(mail.mime())
                .contains("Message-ID: <id-2@acme.test>")
                .contains("In-Reply-To: <id-1@example.com>")
                .contains("References: <root@acme.test> <id-1@example.com>")
                .contains("Auto-Submitted: auto-generated")
                .contains("Reply-To: ticket+7-abcdef0123@acme.test");
        assertThat(mail.mime().chars()).allMatch(c -> c < 128);
    }

    @Test
    void encodesNonAsciiSoTheStoredMailIsSevenBit() {
        ComposedMail mail = composer.compose(new MailDraft(
                new EmailAddress("support@acme.test"),
                "Ünïcødé Support",
                null,
                List.of(new MailDraft.Recipient("Zoë", new EmailAddress("zoe@example.com"))),
                List.of(),
                "Grüße 👋",
                "Hallo Zoë, schöne Grüße 👋",
                threading(),
                false,
                List.of()));

        assertThat(mail.mime().chars()).allMatch(c -> c < 128);
        assertThat(mail.mime()).contains("=?UTF-8?");
    }

    @Test
    void rendersTextAsEscapedHtml() {
        assertThat(MailComposer.html("<script>alert(1)</script>\n\nsecond", brand().current()))
                .contains("&lt;script&gt;")
                .doesNotContain("<script>")
                .contains("<p>second</p>");
    }

    private static MailDraft draft(String subject, String name, boolean automatic) {
        return new MailDraft(
                new EmailAddress("support@acme.test"),
                name,
                "ticket+7-abcdef0123@acme.test",
                List.of(new MailDraft.Recipient(name, new EmailAddress("bob@example.com"))),
                List.of(),
                subject,
                "Body",
                threading(),
                automatic,
                List.of());
    }

    private static ThreadingHeaders threading() {
        return new ThreadingHeaders(
                "<id-2@acme.test>", "<id-1@example.com>", List.of("<root@acme.test>", "<id-1@example.com>"));
    }

    /** Branding as the settings module serves it, with its defaults. */
    private static io.postdesk.settings.BrandingSettings brand() {
        return org.mockito.Mockito.mock(
                io.postdesk.settings.BrandingSettings.class,
                invocation -> new io.postdesk.settings.BrandingSettings.Branding("Acme Help", "#4f46e5"));
    }
}

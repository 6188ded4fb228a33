package io.postdesk.mail.inbound.webhook;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A mail a provider delivered as separate fields instead of raw MIME (SendGrid "parsed", Mailgun parsed fields,
 * Postmark JSON, the generic JSON form). {@link MimeAssembly} turns it back into one raw message, so one pipeline
 * handles every door.
 *
 * @param headers the original headers when the provider passes them, in order
 */
record ParsedFields(
        List<Header> headers,
        @Nullable String from,
        List<String> to,
        List<String> cc,
        @Nullable String subject,
        @Nullable String messageId,
        @Nullable String inReplyTo,
        @Nullable String references,
        @Nullable String date,
        @Nullable String text,
        @Nullable String html,
        List<File> attachments) {

    record Header(String name, String value) {}

    record File(
            String filename,
            String contentType,
            byte[] content,
            @Nullable String contentId) {}

    @Nullable
    String header(String name) {
        return headers.stream()
                .filter(h -> h.name().equalsIgnoreCase(name))
                .map(Header::value)
                .findFirst()
                .orElse(null);
    }
}

package io.postdesk.mail.mime;

import io.postdesk.attachment.NewAttachment;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the pipeline needs from a parsed mail. Headers are kept whole (lower-cased names) because the classifiers read
 * many of them.
 *
 * @param html the HTML body, already sanitised
 * @param cuts what the parse left out to stay within its bounds (very long text, deep nesting…); the raw mail has it
 */
public record ParsedMessage(
        @Nullable String messageId,
        @Nullable String inReplyTo,
        List<String> references,
        @Nullable MailAddress from,
        List<MailAddress> replyTo,
        List<MailAddress> to,
        List<MailAddress> cc,
        String subject,
        String text,
        @Nullable String html,
        List<NewAttachment> attachments,
        Map<String, List<String>> headers,
        String mimeType,
        List<String> cuts) {

    public @Nullable String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    public boolean hasHeader(String name) {
        return headers.containsKey(name.toLowerCase(Locale.ROOT));
    }
}

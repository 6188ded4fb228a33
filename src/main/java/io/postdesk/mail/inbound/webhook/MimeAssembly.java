package io.postdesk.mail.inbound.webhook;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Rebuilds one raw RFC 5322 message from a provider's parsed fields: the original headers where the provider passed
 * them (so Message-ID, In-Reply-To, References and the auto-reply signals survive), then a fresh MIME body from the
 * text, HTML and attachments.
 */
final class MimeAssembly {

    /** Headers that describe the original body, which we replace. */
    private static final Set<String> BODY_HEADERS =
            Set.of("content-type", "content-transfer-encoding", "mime-version", "content-length");

    private static final Session SESSION = Session.getInstance(new Properties());

    private MimeAssembly() {}

    static byte[] assemble(ParsedFields fields) {
        try {
            var message = new KeepIdMessage();
            for (var header : fields.headers()) {
                if (!BODY_HEADERS.contains(header.name().toLowerCase(Locale.ROOT))) {
                    message.addHeader(header.name(), oneLine(header.value()));
                }
            }
            // The provider's own fields win over the header block: they are decoded and checked by the provider.
            replace(message, "From", fields.from());
            replace(message, "To", fields.to().isEmpty() ? null : String.join(", ", fields.to()));
            replace(message, "Cc", fields.cc().isEmpty() ? null : String.join(", ", fields.cc()));
            setIfMissing(message, "Message-ID", fields.messageId());
            setIfMissing(message, "In-Reply-To", fields.inReplyTo());
            setIfMissing(message, "References", fields.references());
            setIfMissing(message, "Date", fields.date());
            if (fields.subject() != null) {
                message.setSubject(oneLine(fields.subject()), "UTF-8");
            }
            message.setContent(body(fields));
            message.saveChanges();
            var out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("the payload's fields do not make a mail: " + e.getMessage(), e);
        }
    }

    private static MimeMultipart body(ParsedFields fields) throws MessagingException {
        var alternative = new MimeMultipart("alternative");
        if (fields.text() != null || fields.html() == null) {
            var text = new MimeBodyPart();
            text.setText(fields.text() == null ? "" : fields.text(), "UTF-8", "plain");
            alternative.addBodyPart(text);
        }
        if (fields.html() != null) {
            var html = new MimeBodyPart();
            html.setText(fields.html(), "UTF-8", "html");
            alternative.addBodyPart(html);
        }
        if (fields.attachments().isEmpty()) {
            return alternative;
        }
        var mixed = new MimeMultipart("mixed");
        var wrapper = new MimeBodyPart();
        wrapper.setContent(alternative);
        mixed.addBodyPart(wrapper);
        for (var file : fields.attachments()) {
            var part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(file.content(), file.contentType())));
            try {
                part.setFileName(MimeUtility.encodeText(file.filename(), "UTF-8", null));
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
            if (file.contentId() != null) {
                String id = file.contentId().strip();
                part.setContentID(id.startsWith("<") ? id : "<" + id + ">");
                part.setDisposition(MimeBodyPart.INLINE);
            } else {
                part.setDisposition(MimeBodyPart.ATTACHMENT);
            }
            mixed.addBodyPart(part);
        }
        return mixed;
    }

    private static void replace(MimeMessage message, String name, String value) throws MessagingException {
        if (value != null && !value.isBlank()) {
            message.setHeader(name, oneLine(value));
        }
    }

    private static void setIfMissing(MimeMessage message, String name, String value) throws MessagingException {
        if (value != null && !value.isBlank() && message.getHeader(name) == null) {
            message.setHeader(name, oneLine(value));
        }
    }

    private static String oneLine(String value) {
        return value.replaceAll("[\\r\\n]+[ \\t]*", " ");
    }

    /** Keeps the original Message-ID (saveChanges would invent one); a mail without one gets none here. */
    private static final class KeepIdMessage extends MimeMessage {
        KeepIdMessage() {
            super(SESSION);
        }

        @Override
        protected void updateMessageID() {}
    }
}

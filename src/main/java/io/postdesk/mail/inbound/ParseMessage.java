package io.postdesk.mail.inbound;

import io.postdesk.attachment.NewAttachment;
import io.postdesk.shared.EmailAddress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Parses the raw bytes with mime4j, tolerating broken headers and multiparts: headers (RFC 2047 decoded), addresses,
 * text and sanitised HTML bodies, every other part as an attachment (inline {@code cid:} images and attached
 * messages included), and the visible reply without quoted history.
 */
@Component
class ParseMessage implements InboundStep {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final Pattern FOLD = Pattern.compile("\\r?\\n[ \\t]*");
    private static final Charset FALLBACK = Charset.forName("windows-1252");

    private final MailHtml html;

    ParseMessage(MailHtml html) {
        this.html = html;
    }

    @Override
    public String name() {
        return "parse";
    }

    @Override
    public StepResult apply(InboundMail mail) {
        ParsedMessage message = parse(mail.delivery().raw(), html);
        MailAddress from = message.from();
        if (from == null
                && mail.delivery().envelopeFrom() != null
                && EmailAddress.isValid(mail.delivery().envelopeFrom().strip().toLowerCase(Locale.ROOT))) {
            from = new MailAddress(null, EmailAddress.parse(mail.delivery().envelopeFrom(), "from"));
        }
        if (from == null) {
            return new StepResult.Stop(Outcome.REJECTED, "no_sender", "the mail has no usable From address", null);
        }
        String visible = QuotedReply.visiblePart(message.text());
        return new StepResult.Continue(
                mail.withParsed(message, from, visible),
                "from " + from.email() + ", " + message.attachments().size() + " attachment(s), " + message.mimeType());
    }

    static ParsedMessage parse(byte[] raw, MailHtml html) {
        var builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        Message message;
        try {
            message = builder.parseMessage(new ByteArrayInputStream(raw));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Field field : message.getHeader().getFields()) {
            headers.computeIfAbsent(field.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(DecoderUtil.decodeEncodedWords(
                            Utf7.decodeEncodedWords(unfold(field.getBody())), DecodeMonitor.SILENT));
        }
        var parts = new Parts();
        collect(message, parts);
        String htmlBody = parts.html == null ? null : html.sanitise(parts.html);
        String text = parts.text != null ? parts.text : (parts.html != null ? html.toText(parts.html) : "");
        return new ParsedMessage(
                firstId(first(headers, "message-id")),
                firstId(first(headers, "in-reply-to")),
                allIds(first(headers, "references")),
                firstMailbox(message.getFrom()),
                mailboxes(message.getReplyTo()),
                mailboxes(message.getTo()),
                mailboxes(message.getCc()),
                java.util.Objects.requireNonNullElse(first(headers, "subject"), "")
                        .strip(),
                text,
                htmlBody,
                parts.attachments,
                headers,
                message.getMimeType());
    }

    /** What the walk over the MIME tree found. */
    private static final class Parts {
        @Nullable
        String text;

        @Nullable
        String html;

        final List<NewAttachment> attachments = new ArrayList<>();
    }

    private static void collect(Entity entity, Parts parts) {
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            for (Entity part : multipart.getBodyParts()) {
                collect(part, parts);
            }
            return;
        }
        String type = entity.getMimeType().toLowerCase(Locale.ROOT);
        boolean isAttachment =
                "attachment".equalsIgnoreCase(entity.getDispositionType()) || entity.getFilename() != null;
        if (body instanceof Message attached) {
            parts.attachments.add(file(entity, bytes(attached), "forwarded-message.eml", "message/rfc822"));
            return;
        }
        if (!(body instanceof SingleBody single)) {
            return;
        }
        byte[] content = bytes(single);
        if (!isAttachment && type.equals("text/plain") && parts.text == null) {
            parts.text = decode(content, entity.getCharset());
        } else if (!isAttachment && type.equals("text/html") && parts.html == null) {
            parts.html = decode(content, entity.getCharset());
        } else if (!type.startsWith("multipart/")) {
            parts.attachments.add(file(entity, content, defaultName(type), type));
        }
    }

    private static NewAttachment file(Entity entity, byte[] content, String defaultName, String type) {
        String name = entity.getFilename() == null ? defaultName : entity.getFilename();
        String contentId = entity.getHeader().getField("Content-ID") == null
                ? null
                : entity.getHeader().getField("Content-ID").getBody().strip();
        boolean inline = contentId != null && !"attachment".equalsIgnoreCase(entity.getDispositionType());
        return new NewAttachment(
                name, type, content.length, () -> new ByteArrayInputStream(content), contentId, inline);
    }

    private static String defaultName(String type) {
        String subtype = type.substring(type.indexOf('/') + 1).replaceAll("[^a-z0-9]", "");
        return "attachment." + (subtype.isEmpty() ? "bin" : subtype);
    }

    private static String decode(byte[] content, @Nullable String charset) {
        if (charset != null && Utf7.isUtf7(charset)) {
            return Utf7.decode(content);
        }
        Charset decoder = FALLBACK;
        if (charset != null) {
            try {
                decoder = Charset.forName(charset.strip().replace("\"", ""));
            } catch (IllegalArgumentException unknownCharset) {
                // Misspelled or exotic charsets: windows-1252 reads most Western mail and never fails.
            }
        }
        return new String(content, decoder == null ? StandardCharsets.UTF_8 : decoder);
    }

    private static byte[] bytes(SingleBody body) {
        try (InputStream in = body.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Message attached) {
        try {
            var out = new ByteArrayOutputStream();
            new DefaultMessageWriter().writeMessage(attached, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static @Nullable String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    static @Nullable String firstId(@Nullable String header) {
        List<String> ids = allIds(header);
        return ids.isEmpty() ? null : ids.getFirst();
    }

    static List<String> allIds(@Nullable String header) {
        if (header == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher m = MESSAGE_ID.matcher(header);
        while (m.find()) {
            ids.add(m.group());
        }
        return ids;
    }

    private static String unfold(String value) {
        return value.indexOf('\n') < 0 ? value : FOLD.matcher(value).replaceAll(" ");
    }

    private static @Nullable MailAddress firstMailbox(@Nullable MailboxList list) {
        if (list == null) {
            return null;
        }
        for (Mailbox mailbox : list) {
            MailAddress address = address(mailbox);
            if (address != null) {
                return address;
            }
        }
        return null;
    }

    private static List<MailAddress> mailboxes(@Nullable AddressList list) {
        List<MailAddress> result = new ArrayList<>();
        if (list == null) {
            return result;
        }
        for (Address address : list) {
            if (address instanceof Mailbox mailbox) {
                MailAddress parsed = address(mailbox);
                if (parsed != null) {
                    result.add(parsed);
                }
            } else if (address instanceof Group group) {
                for (Mailbox mailbox : group.getMailboxes()) {
                    MailAddress parsed = address(mailbox);
                    if (parsed != null) {
                        result.add(parsed);
                    }
                }
            }
        }
        return result;
    }

    private static @Nullable MailAddress address(Mailbox mailbox) {
        String email = mailbox.getAddress();
        if (email == null) {
            return null;
        }
        String canonical = email.strip().toLowerCase(Locale.ROOT);
        if (!EmailAddress.isValid(canonical)) {
            return null;
        }
        String name = mailbox.getName() == null ? null : Utf7.decodeEncodedWords(mailbox.getName());
        return new MailAddress(name == null || name.isBlank() ? null : name.strip(), new EmailAddress(canonical));
    }
}

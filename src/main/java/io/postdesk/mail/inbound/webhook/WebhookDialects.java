package io.postdesk.mail.inbound.webhook;

import io.postdesk.mail.inbound.InboundDelivery;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the webhook dialects into one raw mail:
 *
 * <ul>
 *   <li>{@code message/rfc822}: the body is the mail;
 *   <li>SendGrid Inbound Parse: the raw {@code email} field, or the parsed fields ({@code headers}, {@code text},
 *       {@code html}, {@code attachmentN});
 *   <li>Mailgun Routes: {@code body-mime}, or the parsed fields ({@code message-headers}, {@code body-plain},
 *       {@code body-html}, {@code attachment-N}), with {@code timestamp}/{@code token}/{@code signature};
 *   <li>Postmark inbound JSON ({@code FromFull}, {@code Headers}, {@code TextBody}, {@code Attachments}, or
 *       {@code RawEmail});
 *   <li>the generic JSON form: {@code {"raw": "..."}} or {@code {"from", "to", "cc", "subject", "text", "html",
 *       "messageId", "inReplyTo", "references", "headers": {..}, "attachments": [{"filename", "contentType",
 *       "content" (base64), "contentId"}]}}.
 * </ul>
 *
 * SendGrid's and Mailgun's sender checks travel with the delivery as its channel verdict ({@link ProviderVerdicts}).
 * Anything else is refused with {@link NotMailException} and a reason.
 */
@Component
class WebhookDialects {

    private final JsonMapper json;

    WebhookDialects(JsonMapper json) {
        this.json = json;
    }

    static final class NotMailException extends RuntimeException {
        NotMailException(String reason) {
            super(reason);
        }
    }

    /**
     * Reads the mail from a body as it streams in. Each dialect reads what it needs once: raw MIME into one array,
     * JSON and multipart forms straight from the stream, so the whole body is never held beside what was read
     * from it.
     */
    WebhookPayload read(InputStream in, long declaredLength, @Nullable String contentType) throws IOException {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        var body = new PushbackInputStream(in, 1);
        int first = body.read();
        if (first < 0) {
            throw new NotMailException("the request body is empty");
        }
        body.unread(first);
        if (type.startsWith("message/rfc822") || type.startsWith("text/plain")) {
            return raw(RawRequests.readAll(body, declaredLength), "rfc822", null, List.of());
        }
        if (type.startsWith("application/json")) {
            return fromJson(body);
        }
        if (type.startsWith("multipart/form-data")) {
            FormFields form;
            try {
                form = FormFields.multipart(body, contentType);
            } catch (IOException e) {
                throw new NotMailException("the multipart body cannot be read: " + e.getMessage());
            }
            return fromForm(form);
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return fromForm(FormFields.urlEncoded(RawRequests.readAll(body, declaredLength)));
        }
        throw new NotMailException("unsupported Content-Type " + (type.isEmpty() ? "(none)" : type)
                + "; send message/rfc822, JSON, or a form");
    }

    private WebhookPayload fromForm(FormFields form) {
        WebhookPayload.MailgunSignature mailgun = form.has("signature") && form.has("timestamp") && form.has("token")
                ? new WebhookPayload.MailgunSignature(
                        form.first("timestamp"), form.first("token"), form.first("signature"))
                : null;
        if (form.has("body-mime")) {
            byte[] mime = form.firstBytes("body-mime");
            return raw(
                    mime,
                    "mailgun",
                    form.first("sender"),
                    list(form.first("recipient")),
                    mailgun,
                    ProviderVerdicts.mailgun(form, List.of(), mime));
        }
        if (form.has("email")) {
            return raw(
                    form.firstBytes("email"),
                    "sendgrid",
                    null,
                    sendgridRecipients(form),
                    mailgun,
                    ProviderVerdicts.sendgrid(form, json));
        }
        if (form.has("body-plain") || form.has("message-headers")) {
            List<ParsedFields.Header> headers = mailgunHeaders(form);
            return new WebhookPayload(
                    new InboundDelivery(
                            MimeAssembly.assemble(mailgunFields(form, headers)),
                            "mailgun",
                            form.first("sender"),
                            list(form.first("recipient")),
                            ProviderVerdicts.mailgun(form, headers, null)),
                    mailgun);
        }
        if (form.has("headers") && (form.has("text") || form.has("html") || form.has("from"))) {
            return new WebhookPayload(
                    new InboundDelivery(
                            MimeAssembly.assemble(sendgridFields(form)),
                            "sendgrid",
                            null,
                            sendgridRecipients(form),
                            ProviderVerdicts.sendgrid(form, json)),
                    null);
        }
        throw new NotMailException("the form has no mail in it (expected SendGrid or Mailgun fields)");
    }

    private List<ParsedFields.Header> mailgunHeaders(FormFields form) {
        List<ParsedFields.Header> headers = new ArrayList<>();
        String raw = form.first("message-headers");
        if (raw != null) {
            try {
                for (Object pair : json.readValue(raw, List.class)) {
                    if (pair instanceof List<?> nameValue && nameValue.size() == 2) {
                        headers.add(new ParsedFields.Header(
                                String.valueOf(nameValue.get(0)), String.valueOf(nameValue.get(1))));
                    }
                }
            } catch (JacksonException e) {
                throw new NotMailException("message-headers is not a JSON list of [name, value] pairs");
            }
        }
        return headers;
    }

    private ParsedFields mailgunFields(FormFields form, List<ParsedFields.Header> headers) {
        return new ParsedFields(
                headers,
                form.first("from"),
                list(form.first("To")),
                List.of(),
                form.first("subject"),
                form.first("Message-Id"),
                form.first("In-Reply-To"),
                form.first("References"),
                form.first("Date"),
                form.first("body-plain"),
                form.first("body-html"),
                files(form, "attachment-"));
    }

    private static ParsedFields sendgridFields(FormFields form) {
        List<ParsedFields.Header> headers = new ArrayList<>();
        String block = form.first("headers");
        if (block != null) {
            // SendGrid passes the original header block verbatim; unfold it into name/value pairs.
            String unfolded = block.replaceAll("\\r?\\n[ \\t]+", " ");
            for (String line : unfolded.split("\\r?\\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.add(new ParsedFields.Header(
                            line.substring(0, colon).strip(),
                            line.substring(colon + 1).strip()));
                }
            }
        }
        return new ParsedFields(
                headers,
                form.first("from"),
                list(form.first("to")),
                list(form.first("cc")),
                form.first("subject"),
                null,
                null,
                null,
                null,
                form.first("text"),
                form.first("html"),
                files(form, "attachment"));
    }

    @SuppressWarnings("unchecked")
    private WebhookPayload fromJson(InputStream body) {
        Map<String, Object> map;
        try {
            map = json.readValue(body, Map.class);
        } catch (JacksonException e) {
            throw new NotMailException("the body is not valid JSON");
        }
        if (map.get("RawEmail") instanceof String rawEmail) {
            return raw(bytes(rawEmail), "postmark", null, List.of(), null);
        }
        if (map.containsKey("FromFull") || map.containsKey("TextBody") || map.containsKey("MessageStream")) {
            return new WebhookPayload(
                    new InboundDelivery(
                            MimeAssembly.assemble(postmarkFields(map)), "postmark", null, addresses(map.get("ToFull"))),
                    null);
        }
        if (map.get("raw") instanceof String raw) {
            return raw(bytes(raw), "json", string(map, "envelopeFrom"), List.of(), null);
        }
        if (map.containsKey("from")
                && (map.containsKey("text") || map.containsKey("html") || map.containsKey("subject"))) {
            return new WebhookPayload(
                    new InboundDelivery(
                            MimeAssembly.assemble(genericFields(map)), "json", null, strings(map.get("to"))),
                    null);
        }
        throw new NotMailException("the JSON has no mail in it (expected Postmark fields, \"raw\", or \"from\" with"
                + " \"text\"/\"html\")");
    }

    @SuppressWarnings("unchecked")
    private static ParsedFields postmarkFields(Map<String, Object> map) {
        List<ParsedFields.Header> headers = new ArrayList<>();
        if (map.get("Headers") instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> h && h.get("Name") != null && h.get("Value") != null) {
                    headers.add(new ParsedFields.Header(
                            h.get("Name").toString(), h.get("Value").toString()));
                }
            }
        }
        List<ParsedFields.File> files = new ArrayList<>();
        if (map.get("Attachments") instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> a && a.get("Content") instanceof String content) {
                    files.add(new ParsedFields.File(
                            String.valueOf(a.get("Name")),
                            a.get("ContentType") == null
                                    ? "application/octet-stream"
                                    : a.get("ContentType").toString(),
                            base64(content),
                            a.get("ContentID") == null
                                    ? null
                                    : a.get("ContentID").toString()));
                }
            }
        }
        String from = map.get("FromFull") instanceof Map<?, ?> full ? mailbox(full) : string(map, "From");
        String replyTo = string(map, "ReplyTo");
        if (replyTo != null && !replyTo.isBlank()) {
            headers.add(new ParsedFields.Header("Reply-To", replyTo));
        }
        return new ParsedFields(
                headers,
                from,
                addresses(map.get("ToFull")),
                addresses(map.get("CcFull")),
                string(map, "Subject"),
                null,
                null,
                null,
                string(map, "Date"),
                string(map, "TextBody"),
                string(map, "HtmlBody"),
                files);
    }

    @SuppressWarnings("unchecked")
    private static ParsedFields genericFields(Map<String, Object> map) {
        List<ParsedFields.Header> headers = new ArrayList<>();
        if (map.get("headers") instanceof Map<?, ?> extra) {
            extra.forEach((k, v) -> headers.add(new ParsedFields.Header(k.toString(), String.valueOf(v))));
        }
        List<ParsedFields.File> files = new ArrayList<>();
        if (map.get("attachments") instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> a && a.get("content") instanceof String content) {
                    files.add(new ParsedFields.File(
                            String.valueOf(a.get("filename")),
                            a.get("contentType") == null
                                    ? "application/octet-stream"
                                    : a.get("contentType").toString(),
                            base64(content),
                            a.get("contentId") == null
                                    ? null
                                    : a.get("contentId").toString()));
                }
            }
        }
        Object references = map.get("references");
        return new ParsedFields(
                headers,
                string(map, "from"),
                strings(map.get("to")),
                strings(map.get("cc")),
                string(map, "subject"),
                string(map, "messageId"),
                string(map, "inReplyTo"),
                references instanceof List<?> ids
                        ? String.join(" ", ids.stream().map(String::valueOf).toList())
                        : (references == null ? null : references.toString()),
                string(map, "date"),
                string(map, "text"),
                string(map, "html"),
                files);
    }

    private static List<ParsedFields.File> files(FormFields form, String fieldPrefix) {
        return form.files().stream()
                .filter(f -> f.field().startsWith(fieldPrefix))
                .map(f -> new ParsedFields.File(f.filename(), f.contentType(), f.content(), null))
                .toList();
    }

    private static List<String> sendgridRecipients(FormFields form) {
        String to = form.first("to");
        return to == null ? List.of() : list(to);
    }

    private static WebhookPayload raw(byte[] raw, String channel, @Nullable String from, List<String> to) {
        return raw(raw, channel, from, to, null);
    }

    private static WebhookPayload raw(
            byte[] raw,
            String channel,
            @Nullable String from,
            List<String> to,
            WebhookPayload.@Nullable MailgunSignature mailgun) {
        return raw(raw, channel, from, to, mailgun, null);
    }

    private static WebhookPayload raw(
            byte[] raw,
            String channel,
            @Nullable String from,
            List<String> to,
            WebhookPayload.@Nullable MailgunSignature mailgun,
            @Nullable String channelVerdict) {
        return new WebhookPayload(new InboundDelivery(raw, channel, from, to, channelVerdict), mailgun);
    }

    private static @Nullable String string(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }

    private static List<String> strings(@Nullable Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : list(value.toString());
    }

    private static List<String> addresses(@Nullable Object full) {
        if (!(full instanceof List<?> list)) {
            return List.of();
        }
        return list.stream()
                .filter(Map.class::isInstance)
                .map(m -> mailbox((Map<?, ?>) m))
                .toList();
    }

    private static String mailbox(Map<?, ?> full) {
        Object email = full.get("Email");
        Object name = full.get("Name");
        if (name == null || name.toString().isBlank()) {
            return String.valueOf(email);
        }
        return "\"" + name.toString().replace("\"", "") + "\" <" + email + ">";
    }

    private static List<String> list(@Nullable String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return List.of(commaSeparated.split("\\s*,\\s*"));
    }

    /** Raw MIME inside JSON is Unicode text; UTF-8 gives back the bytes of any mail that was 7-bit or UTF-8. */
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] base64(String content) {
        try {
            return Base64.getMimeDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            throw new NotMailException("an attachment's content is not base64");
        }
    }
}

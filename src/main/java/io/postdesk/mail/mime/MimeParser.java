package io.postdesk.mail.mime;

import io.postdesk.attachment.NewAttachment;
import io.postdesk.shared.EmailAddress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 * messages included). Bounded in time, depth, parts and size: every byte of a mail is the sender's choice.
 */
@Component
public class MimeParser {

    /** At most 998 characters in all, as a header line and the columns that hold it allow. */
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,996}>");

    private static final Pattern FOLD = Pattern.compile("\\r?\\n[ \\t]*");
    private static final Charset FALLBACK = Charset.forName("windows-1252");

    /** The most text a mail's message keeps (as much as a ticket's description may hold); the rest is cut. */
    public static final int MAX_TEXT = 100_000;
    /** HTML beyond this is cut before sanitising: the sanitiser's time grows with it. */
    public static final int MAX_HTML = 1_000_000;

    public static final int MAX_DEPTH = 50;
    /** Each part kept becomes an attachment written in the apply transaction: this many fit its timeout. */
    public static final int MAX_PARTS = 500;

    public static final Duration PARSE_BUDGET = Duration.ofSeconds(5);
    private static final long PARSE_BUDGET_NANOS = PARSE_BUDGET.toNanos();

    /**
     * Top-level header fields are cut to {@link ParseInput#MAX_FIELD} before mime4j sees them; a nested part's header
     * beyond these bounds makes the parse fail with a clear error rather than run for minutes.
     */
    private static final MimeConfig BOUNDED = MimeConfig.custom()
            .setMaxHeaderLen(64 * 1024)
            .setMaxHeaderCount(2 * ParseInput.MAX_FIELDS)
            .setMaxLineLen(-1)
            .setMaxContentLen(-1)
            .build();

    private final MailHtml html;

    public MimeParser(MailHtml html) {
        this.html = html;
    }

    /** The mail's headers, addresses, bodies and attachments; throws {@link UnparsableMail} beyond its bounds. */
    public ParsedMessage parse(byte[] raw) {
        return parse(raw, html);
    }

    /** {@link #parse(byte[])}, also handing the HTML body before sanitising to {@code rawHtml}. */
    public ParsedMessage parse(byte[] raw, java.util.function.Consumer<String> rawHtml) {
        return parse(raw, html, rawHtml);
    }

    public static ParsedMessage parse(byte[] raw, MailHtml html) {
        return parse(raw, html, unsanitised -> {});
    }

    /** Also hands the HTML body before sanitising to {@code rawHtml}: QuotedReply finds quote blocks by their class. */
    public static ParsedMessage parse(byte[] raw, MailHtml html, java.util.function.Consumer<String> rawHtml) {
        ParseInput input = ParseInput.of(raw);
        List<String> cuts = new ArrayList<>(input.cuts());
        var builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(BOUNDED);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        Message message;
        try {
            message = builder.parseMessage(new DeadlineStream(input.bytes(), System.nanoTime() + PARSE_BUDGET_NANOS));
        } catch (IOException e) {
            throw new UnparsableMail(e.getMessage(), e);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Field field : message.getHeader().getFields()) {
            headers.computeIfAbsent(StoredText.clean(field.getName().toLowerCase(Locale.ROOT)), k -> new ArrayList<>())
                    .add(decodeHeader(field.getBody()));
        }
        var parts = new Parts();
        collect(message, parts, cuts);
        String htmlSource = parts.html == null ? null : cut(parts.html, MAX_HTML, "HTML", cuts);
        String htmlBody = htmlSource == null ? null : StoredText.clean(html.sanitise(htmlSource));
        if (htmlSource != null) {
            rawHtml.accept(htmlSource);
        }
        String text = parts.text != null ? parts.text : (htmlSource != null ? html.toText(htmlSource) : "");
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
                cut(StoredText.clean(text), MAX_TEXT, "text", cuts),
                htmlBody,
                parts.attachments,
                headers,
                StoredText.clean(message.getMimeType()),
                List.copyOf(cuts));
    }

    /** The mail could not be parsed within its bounds (too long, too slow, broken beyond mime4j's tolerance). */
    public static final class UnparsableMail extends RuntimeException {
        UnparsableMail(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * RFC 2047 encoded words decoded (UTF-7 ones too: {@link Utf7} is a registered charset), folds undone, and
     * nothing left a database refuses.
     */
    private static String decodeHeader(String body) {
        return StoredText.clean(DecoderUtil.decodeEncodedWords(unfold(body), DecodeMonitor.SILENT));
    }

    private static String cut(String text, int max, String what, List<String> cuts) {
        if (text.length() <= max) {
            return text;
        }
        cuts.add(what + " beyond " + max + " characters");
        return StoredText.bounded(text, max);
    }

    /** What the walk over the MIME tree found. */
    private static final class Parts {
        @Nullable
        String text;

        @Nullable
        String html;

        final List<NewAttachment> attachments = new ArrayList<>();
        int count;
    }

    /** One entity still to visit, with how deep it sits. */
    private record Visit(Entity entity, int depth) {}

    /**
     * Walks the tree with a stack of its own, not recursion: how deep a mail nests is the sender's choice, the thread's
     * stack is not. Parts deeper than {@value #MAX_DEPTH} levels or beyond the {@value #MAX_PARTS}th are left out.
     */
    private static void collect(Message message, Parts parts, List<String> cuts) {
        Deque<Visit> todo = new ArrayDeque<>();
        todo.push(new Visit(message, 0));
        while (!todo.isEmpty()) {
            Visit visit = todo.pop();
            if (visit.entity().getBody() instanceof Multipart multipart) {
                if (visit.depth() >= MAX_DEPTH) {
                    cuts.add("parts nested deeper than " + MAX_DEPTH + " levels");
                    continue;
                }
                List<Entity> children = multipart.getBodyParts();
                for (int i = children.size() - 1; i >= 0; i--) {
                    todo.push(new Visit(children.get(i), visit.depth() + 1));
                }
            } else if (++parts.count > MAX_PARTS) {
                cuts.add("parts after the first " + MAX_PARTS);
                return;
            } else {
                collectLeaf(visit.entity(), parts);
            }
        }
    }

    private static void collectLeaf(Entity entity, Parts parts) {
        Body body = entity.getBody();
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
            parts.attachments.add(file(entity, content, defaultName(type), StoredText.clean(type)));
        }
    }

    /**
     * The mail's bytes for mime4j, refusing to be read past a deadline: mime4j's cost per byte grows with the nesting,
     * so a clock on its reads bounds the whole parse whatever shape the mail has.
     */
    private static final class DeadlineStream extends InputStream {
        private final byte[] bytes;
        private final long deadline;
        private int position;

        DeadlineStream(byte[] bytes, long deadline) {
            this.bytes = bytes;
            this.deadline = deadline;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            checkDeadline();
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(length, bytes.length - position);
            System.arraycopy(bytes, position, buffer, offset, n);
            position += n;
            return n;
        }

        @Override
        public int read() throws IOException {
            checkDeadline();
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        private void checkDeadline() throws IOException {
            if (System.nanoTime() > deadline) {
                throw new IOException("parsing took longer than " + PARSE_BUDGET.toSeconds() + " s");
            }
        }
    }

    private static NewAttachment file(Entity entity, byte[] content, String defaultName, String type) {
        String name = entity.getFilename() == null ? defaultName : StoredText.clean(entity.getFilename());
        // The stored Content-ID column holds 998 characters, the longest a header line may be.
        String contentId = entity.getHeader().getField("Content-ID") == null
                ? null
                : truncate(
                        StoredText.clean(entity.getHeader()
                                .getField("Content-ID")
                                .getBody()
                                .strip()),
                        998);
        boolean inline = contentId != null && !"attachment".equalsIgnoreCase(entity.getDispositionType());
        return new NewAttachment(
                name, type, content.length, () -> new ByteArrayInputStream(content), contentId, inline);
    }

    private static String defaultName(String type) {
        String subtype = type.substring(type.indexOf('/') + 1).replaceAll("[^a-z0-9]", "");
        return "attachment." + (subtype.isEmpty() ? "bin" : subtype);
    }

    private static String decode(byte[] content, @Nullable String charset) {
        Charset decoder = FALLBACK;
        if (charset != null) {
            try {
                decoder = Charset.forName(charset.strip().replace("\"", ""));
            } catch (IllegalArgumentException unknownCharset) {
                // Misspelled or exotic charsets: windows-1252 reads most Western mail and never fails. In a packaged
                // jar the JDK looks for charset providers on the system class path only, so UTF-7 is asked for here.
                Charset utf7 = new Utf7().charsetForName(charset.strip().replace("\"", ""));
                decoder = utf7 != null ? utf7 : FALLBACK;
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

    public static @Nullable String firstId(@Nullable String header) {
        List<String> ids = allIds(header);
        return ids.isEmpty() ? null : ids.getFirst();
    }

    public static List<String> allIds(@Nullable String header) {
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

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
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
        String name = mailbox.getName() == null ? null : StoredText.clean(mailbox.getName());
        return new MailAddress(name == null || name.isBlank() ? null : name.strip(), new EmailAddress(canonical));
    }
}

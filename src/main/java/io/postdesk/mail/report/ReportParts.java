package io.postdesk.mail.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.jspecify.annotations.Nullable;

/**
 * One bounded walk over a mail with mime4j's streaming parser, keeping what a report is read from: the report's own
 * header fields, the status blocks, the text, and the headers of the returned original. Bodies of the returned
 * original are skipped: its text is the customer's, not the report's.
 */
final class ReportParts {

    /** Reports put what matters first; an attached original beyond this is of no use and is not read. */
    static final int MAX_INPUT = 512 * 1024;

    static final int MAX_PART_TEXT = 64 * 1024;
    /** All the text kept, of every kind together. */
    static final int MAX_TEXT = 256 * 1024;

    static final int MAX_PARTS = 200;
    static final int MAX_DEPTH = 20;
    static final Duration BUDGET = Duration.ofSeconds(2);

    private static final MimeConfig BOUNDED = MimeConfig.custom()
            .setMaxHeaderLen(64 * 1024)
            .setMaxHeaderCount(1000)
            .setMaxLineLen(-1)
            .setMaxContentLen(-1)
            .build();

    /** The report's header fields, lower-case names, values RFC 2047 decoded and unfolded. */
    final List<String[]> header = new ArrayList<>();
    /** The header fields of the first returned original (an attached message/rfc822), raw. */
    final List<String[]> originalHeader = new ArrayList<>();
    /** The bodies of message/delivery-status and message/feedback-report parts. */
    final StringBuilder statusBlocks = new StringBuilder();
    /** The bodies of text/rfc822-headers parts (and message/global-headers, message/global). */
    final StringBuilder originalHeaderText = new StringBuilder();
    /** The text of the report's text parts (HTML without its tags), line ends normalised to LF. */
    final StringBuilder text = new StringBuilder();

    final List<String> partTypes = new ArrayList<>();

    @Nullable
    String topType;

    private ReportParts() {}

    static ReportParts of(byte[] raw) {
        var parts = new ReportParts();
        byte[] input = raw;
        if (raw.length > MAX_INPUT) {
            input = java.util.Arrays.copyOf(raw, MAX_INPUT);
        }
        try {
            parts.walk(new DeadlineStream(input, System.nanoTime() + BUDGET.toNanos()));
        } catch (IOException | MimeException | RuntimeException ignored) {
            // A broken or over-long mail: what was read so far is what the report is read from.
        }
        return parts;
    }

    private void walk(InputStream in) throws IOException, MimeException {
        var stream = new MimeTokenStream(
                BOUNDED, DecodeMonitor.SILENT, new org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder());
        stream.setRecursionMode(RecursionMode.M_RECURSE);
        stream.parse(in);
        int messages = 0;
        int originals = 0;
        int multiparts = 0;
        int bodies = 0;
        boolean headerOfMessage = false;
        for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
            switch (state) {
                case T_START_MESSAGE -> {
                    messages++;
                    if (messages == 2) {
                        originals++;
                    }
                    headerOfMessage = true;
                }
                case T_END_MESSAGE -> messages--;
                case T_START_BODYPART -> headerOfMessage = false;
                case T_START_MULTIPART -> {
                    if (++multiparts > MAX_DEPTH) {
                        return;
                    }
                }
                case T_END_MULTIPART -> multiparts--;
                case T_FIELD -> field(stream.getField(), messages, originals, headerOfMessage);
                case T_BODY -> {
                    if (++bodies > MAX_PARTS) {
                        return;
                    }
                    if (messages == 1) {
                        body(stream.getBodyDescriptor(), stream.getDecodedInputStream());
                    }
                }
                default -> {}
            }
            if (text.length() + statusBlocks.length() + originalHeaderText.length() > MAX_TEXT) {
                return;
            }
        }
    }

    private void field(Field field, int messages, int originals, boolean headerOfMessage) {
        if (!headerOfMessage) {
            return;
        }
        String name = field.getName().toLowerCase(Locale.ROOT);
        String value = unfold(field.getBody());
        if (messages == 1 && header.size() < 1000) {
            header.add(new String[] {name, DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT)});
            if (name.equals("content-type") && topType == null) {
                topType = value.toLowerCase(Locale.ROOT);
            }
        } else if (messages == 2 && originals == 1 && originalHeader.size() < 1000) {
            originalHeader.add(new String[] {name, value});
        }
    }

    private void body(BodyDescriptor descriptor, InputStream decoded) throws IOException {
        String type = descriptor.getMimeType().toLowerCase(Locale.ROOT);
        partTypes.add(type);
        StringBuilder target;
        if (type.equals("message/delivery-status")
                || type.equals("message/global-delivery-status")
                || type.equals("message/feedback-report")) {
            target = statusBlocks;
        } else if (type.equals("text/rfc822-headers")
                || type.equals("message/rfc822-headers")
                || type.equals("message/global-headers")
                || type.equals("message/global")) {
            target = originalHeaderText;
        } else if (type.startsWith("text/")) {
            target = text;
        } else {
            return;
        }
        String content = read(decoded, charset(descriptor.getCharset(), type));
        if (type.equals("text/html")) {
            content = content.replaceAll("(?i)<br\\s*/?>|</p>|</div>|</tr>", "\n")
                    .replaceAll("<[^>]{0,2000}>", " ")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&nbsp;", " ")
                    .replace("&amp;", "&");
        }
        target.append(content.replace("\r\n", "\n").replace('\r', '\n')).append('\n');
    }

    private static String read(InputStream in, Charset charset) throws IOException {
        byte[] bytes = in.readNBytes(MAX_PART_TEXT);
        return new String(bytes, charset);
    }

    private static Charset charset(@Nullable String name, String type) {
        if (type.startsWith("message/global")) {
            return StandardCharsets.UTF_8;
        }
        if (name == null || name.isBlank()) {
            return StandardCharsets.ISO_8859_1;
        }
        try {
            return Charset.forName(name.strip());
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    static String unfold(String value) {
        return value.replaceAll("\\r?\\n[ \\t]*", " ").strip();
    }

    /** The first value of a report header field, or null. */
    @Nullable
    String header(String name) {
        return first(header, name);
    }

    static @Nullable String first(List<String[]> fields, String name) {
        for (String[] field : fields) {
            if (field[0].equals(name)) {
                return field[1];
            }
        }
        return null;
    }

    /** Reads the bytes and stops the parse once its time is up. */
    private static final class DeadlineStream extends ByteArrayInputStream {
        private final long deadline;

        DeadlineStream(byte[] bytes, long deadline) {
            super(bytes);
            this.deadline = deadline;
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            if (System.nanoTime() > deadline) {
                throw new OverBudget();
            }
            return super.read(buffer, offset, length);
        }

        @Override
        public synchronized int read() {
            if (System.nanoTime() > deadline) {
                throw new OverBudget();
            }
            return super.read();
        }
    }

    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super("reading the report took longer than " + BUDGET.toSeconds() + " s", null, false, false);
        }
    }
}

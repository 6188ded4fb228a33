package io.postdesk.mail.inbound.webhook;

import io.postdesk.mail.mime.EscapedBytes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.field.ContentDispositionField;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a form POST, urlencoded or multipart. Multipart is MIME, so mime4j parses it; we read the raw body
 * ourselves (not the servlet's parser) because the signature covers the exact bytes.
 */
record FormFields(Map<String, List<byte[]>> values, List<FormFile> files) {

    record FormFile(String field, String filename, String contentType, byte[] content) {}

    /** The first value of a field as text (forms are sent as UTF-8). */
    @Nullable
    String first(String name) {
        byte[] bytes = firstBytes(name);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The first value exactly as sent: raw MIME must keep its bytes. */
    byte @Nullable [] firstBytes(String name) {
        List<byte[]> found = values.get(name);
        return found == null || found.isEmpty() ? null : found.getFirst();
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    static FormFields urlEncoded(byte[] body) {
        Map<String, List<byte[]>> values = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            byte[] value = eq < 0 ? new byte[0] : EscapedBytes.formEncoding(pair.substring(eq + 1));
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new FormFields(values, List.of());
    }

    /**
     * Parses a multipart form as it streams in: each field's bytes are read once, straight from the request, and the
     * body is never held whole (a 20 MB {@code email} field is one 20 MB array, not four).
     */
    static FormFields multipart(InputStream body, String contentType) throws IOException {
        var tokens = new MimeTokenStream(MimeConfig.PERMISSIVE);
        // A part that is itself a message (message/rfc822) is a field's value: keep its bytes, do not parse into it.
        tokens.setRecursionMode(RecursionMode.M_NO_RECURSE);
        tokens.parseHeadless(body, contentType);
        Map<String, List<byte[]>> values = new LinkedHashMap<>();
        List<FormFile> files = new ArrayList<>();
        boolean isForm = false;
        int depth = 0;
        @Nullable ContentDispositionField disposition = null;
        try {
            for (EntityState state = tokens.getState(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
                switch (state) {
                    case T_START_MULTIPART -> {
                        depth++;
                        isForm = true;
                    }
                    case T_END_MULTIPART -> depth--;
                    case T_START_BODYPART -> {
                        if (depth == 1) {
                            disposition = null;
                        }
                    }
                    case T_FIELD -> {
                        // Only the form's own parts are fields; parts nested inside one are that field's business.
                        if (depth == 1
                                && LenientFieldParser.getParser().parse(tokens.getField(), DecodeMonitor.SILENT)
                                        instanceof ContentDispositionField found) {
                            disposition = found;
                        }
                    }
                    case T_BODY -> {
                        if (depth == 1 && disposition != null && disposition.getParameter("name") != null) {
                            add(disposition, tokens, values, files);
                        }
                    }
                    default -> {}
                }
            }
        } catch (MimeException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (!isForm) {
            throw new IOException("not a multipart form");
        }
        return new FormFields(values, files);
    }

    private static void add(
            ContentDispositionField disposition,
            MimeTokenStream tokens,
            Map<String, List<byte[]>> values,
            List<FormFile> files)
            throws IOException {
        String name = disposition.getParameter("name");
        byte[] content;
        try (InputStream data = tokens.getDecodedInputStream()) {
            content = data.readAllBytes();
        }
        String filename = disposition.getFilename();
        if (filename != null) {
            files.add(new FormFile(name, filename, tokens.getBodyDescriptor().getMimeType(), content));
        } else {
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(content);
        }
    }
}

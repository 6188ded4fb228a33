package io.postdesk.mail.inbound.webhook;

import io.postdesk.mail.inbound.EscapedBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.field.ContentDispositionField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;
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

    static FormFields multipart(byte[] body, String contentType) throws IOException {
        var builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        InputStream in = new SequenceInputStream(
                new ByteArrayInputStream(
                        ("Content-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII)),
                new ByteArrayInputStream(body));
        Message message = builder.parseMessage(in);
        if (!(message.getBody() instanceof Multipart multipart)) {
            throw new IOException("not a multipart form");
        }
        Map<String, List<byte[]>> values = new LinkedHashMap<>();
        List<FormFile> files = new ArrayList<>();
        for (Entity part : multipart.getBodyParts()) {
            if (!(part.getHeader().getField("Content-Disposition") instanceof ContentDispositionField disposition)
                    || disposition.getParameter("name") == null
                    || !(part.getBody() instanceof SingleBody single)) {
                continue;
            }
            String name = disposition.getParameter("name");
            byte[] content;
            try (InputStream data = single.getInputStream()) {
                content = data.readAllBytes();
            }
            String filename = disposition.getFilename();
            if (filename != null) {
                files.add(new FormFile(name, filename, part.getMimeType(), content));
            } else {
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(content);
            }
        }
        return new FormFields(values, files);
    }
}

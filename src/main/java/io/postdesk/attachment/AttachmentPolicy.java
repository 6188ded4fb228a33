package io.postdesk.attachment;

import io.postdesk.shared.InvalidInputException;
import io.postdesk.shared.PayloadTooLargeException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What may be uploaded from the composer, portal and API: at most {@code maxFiles} files of at most
 * {@code maxFileSize} each, of the kinds a helpdesk needs (images, PDF, Word, text, CSV, spreadsheets).
 * Inbound mail is not subject to it: every attachment a customer mails is kept.
 */
@Component
public class AttachmentPolicy {

    /** Allowed extensions and the content type we store and serve them with (never the client's claim). */
    private static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("rtf", "application/rtf"),
            Map.entry("txt", "text/plain"),
            Map.entry("log", "text/plain"),
            Map.entry("md", "text/markdown"),
            Map.entry("csv", "text/csv"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"));

    private final AttachmentProperties properties;

    AttachmentPolicy(AttachmentProperties properties) {
        this.properties = properties;
    }

    /**
     * The files of a message as they will be stored: typed content is checked against the policy; mailed content is
     * kept whole (only names are made safe), because nothing a customer mails may be lost.
     */
    public List<NewAttachment> accept(MessageContent content) {
        if (content.typed()) {
            return check(content.attachments());
        }
        return content.attachments().stream()
                .map(f -> new NewAttachment(
                        safeFilename(f.filename()),
                        safeType(f.contentType()),
                        f.size(),
                        f.content(),
                        f.contentId(),
                        f.inline()))
                .toList();
    }

    private static String safeType(String contentType) {
        String type = contentType == null ? "" : contentType.strip().toLowerCase(Locale.ROOT);
        return type.matches("[a-z0-9.+-]+/[a-z0-9.+-]+") ? type : "application/octet-stream";
    }

    /** Checks the files and returns them with safe names and the content types derived from their extensions. */
    public List<NewAttachment> check(List<NewAttachment> files) {
        if (files.size() > properties.maxFiles()) {
            throw new InvalidInputException("files", "at most " + properties.maxFiles() + " files per message");
        }
        return files.stream().map(this::check).toList();
    }

    private NewAttachment check(NewAttachment file) {
        String name = safeFilename(file.filename());
        String type = ALLOWED.get(extension(name));
        if (type == null) {
            throw new InvalidInputException(
                    "files", name + ": file type not allowed (images, PDF, Word, text, CSV and spreadsheets are)");
        }
        if (file.size() > properties.maxFileSize().toBytes()) {
            throw new PayloadTooLargeException(name + " is larger than " + properties.maxFileSize());
        }
        return new NewAttachment(name, type, file.size(), file.content());
    }

    public long maxFileSizeBytes() {
        return properties.maxFileSize().toBytes();
    }

    public int maxFiles() {
        return properties.maxFiles();
    }

    /** Strips any path and control characters a client may send in a filename. */
    public static String safeFilename(String raw) {
        String name = raw == null ? "" : raw.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints().filter(c -> c >= 0x20 && c != 0x7f && c != '"').forEach(clean::appendCodePoint);
        String result = clean.toString().strip();
        if (result.isEmpty() || result.equals(".") || result.equals("..")) {
            return "attachment";
        }
        return result.length() > 200 ? result.substring(result.length() - 200) : result;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}

package io.postdesk.faces;

import io.postdesk.attachment.Attachment;
import io.postdesk.attachment.Attachments;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Serves a stored attachment, the one way every door (dashboard, portal, API) does it. The sender chose the content
 * type, so it is not believed: only an allow-list of inert types (raster images, PDF, plain text in a charset Java knows) is served as itself,
 * anything else (HTML, SVG, script, XML, unknown) as {@code application/octet-stream}. Always a download, except a
 * raster image asked for as a preview (inline); never sniffed ({@code X-Content-Type-Options: nosniff}) and sandboxed,
 * so a file cannot run script in Postdesk's origin.
 */
public final class FileResponses {

    static final Set<MediaType> INERT = Set.of(
            MediaType.IMAGE_PNG,
            MediaType.IMAGE_JPEG,
            MediaType.IMAGE_GIF,
            MediaType.parseMediaType("image/webp"),
            MediaType.APPLICATION_PDF,
            MediaType.TEXT_PLAIN);

    private FileResponses() {}

    public static ResponseEntity<InputStreamResource> serve(
            Attachments attachments, Attachment attachment, boolean inline) {
        MediaType type = servedType(attachment.contentType());
        boolean preview = inline && "image".equals(type.getType());
        var disposition = (preview ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(attachment.filename(), StandardCharsets.UTF_8)
                .build();
        return ResponseEntity.ok()
                .contentType(type)
                .contentLength(attachment.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .body(new InputStreamResource(attachments.open(attachment)));
    }

    /** The type a file is served as: the declared one if it is inert, else a plain download. */
    static MediaType servedType(String declared) {
        MediaType parsed;
        try {
            parsed = MediaType.parseMediaType(declared);
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        MediaType bare = new MediaType(parsed.getType(), parsed.getSubtype());
        if (!INERT.contains(bare)) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        // Parsing refused charsets Java does not know, so a kept charset is a real one; one Java only reads (UTF-7,
        // which Postdesk decodes but a browser must never be told to apply) is refused here.
        if (parsed.getCharset() != null && !parsed.getCharset().canEncode()) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        String charset = parsed.getParameter("charset");
        if (bare.equals(MediaType.TEXT_PLAIN) && charset != null) {
            return new MediaType(bare, Map.of("charset", charset));
        }
        return bare;
    }
}

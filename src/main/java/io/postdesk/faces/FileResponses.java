package io.postdesk.faces;

import io.postdesk.attachment.Attachment;
import io.postdesk.attachment.Attachments;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Serves a stored attachment: as a download by default, inline only for raster images asked for as previews (never
 * SVG); never sniffed ({@code X-Content-Type-Options: nosniff}) and sandboxed, so a file cannot run script in
 * Postdesk's origin.
 */
public final class FileResponses {

    private FileResponses() {}

    public static ResponseEntity<InputStreamResource> serve(
            Attachments attachments, Attachment attachment, boolean inline) {
        boolean preview =
                inline && attachment.isImage() && !attachment.contentType().contains("svg");
        var disposition = (preview ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(attachment.filename(), StandardCharsets.UTF_8)
                .build();
        return ResponseEntity.ok()
                .contentType(preview ? MediaType.parseMediaType(attachment.contentType()) : safeType(attachment))
                .contentLength(attachment.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .body(new InputStreamResource(attachments.open(attachment)));
    }

    private static MediaType safeType(Attachment attachment) {
        try {
            return MediaType.parseMediaType(attachment.contentType());
        } catch (IllegalArgumentException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}

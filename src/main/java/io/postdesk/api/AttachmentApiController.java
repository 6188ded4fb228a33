package io.postdesk.api;

import io.postdesk.attachment.Attachment;
import io.postdesk.attachment.Attachments;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Downloads an attachment. Served as a download by default; images may be asked for {@code inline} (for previews).
 * Never sniffed ({@code X-Content-Type-Options: nosniff}), and with a sandboxing CSP so a file cannot run script.
 */
@RestController
@RequestMapping("/api/v1/attachments")
class AttachmentApiController {

    private final Attachments attachments;

    AttachmentApiController(Attachments attachments) {
        this.attachments = attachments;
    }

    @GetMapping("/{id}")
    ResponseEntity<InputStreamResource> download(
            @PathVariable long id, @RequestParam(defaultValue = "false") boolean inline) {
        Attachment attachment = attachments.get(id);
        boolean showInline =
                inline && attachment.isImage() && !attachment.contentType().contains("svg");
        ContentDisposition disposition = (showInline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(attachment.filename(), java.nio.charset.StandardCharsets.UTF_8)
                .build();
        return ResponseEntity.ok()
                .contentType(
                        showInline
                                ? MediaType.parseMediaType(attachment.contentType())
                                : safeType(attachment.contentType()))
                .contentLength(attachment.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .body(new InputStreamResource(attachments.open(attachment)));
    }

    private static MediaType safeType(String contentType) {
        try {
            return MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}

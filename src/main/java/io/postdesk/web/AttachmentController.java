package io.postdesk.web;

import io.postdesk.attachment.Attachment;
import io.postdesk.attachment.Attachments;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Attachment downloads for signed-in staff; images may be shown inline as previews. Never sniffed, and sandboxed so
 * a file cannot run script in the dashboard's origin.
 */
@Controller
class AttachmentController {

    private final Attachments attachments;

    AttachmentController(Attachments attachments) {
        this.attachments = attachments;
    }

    @GetMapping("/attachments/{id}")
    ResponseEntity<InputStreamResource> download(
            @PathVariable long id, @RequestParam(defaultValue = "false") boolean inline) {
        Attachment attachment = attachments.get(id);
        boolean preview =
                inline && attachment.isImage() && !attachment.contentType().contains("svg");
        var disposition = (preview ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(attachment.filename(), StandardCharsets.UTF_8)
                .build();
        return ResponseEntity.ok()
                .contentType(
                        preview
                                ? MediaType.parseMediaType(attachment.contentType())
                                : MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(attachment.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .body(new InputStreamResource(attachments.open(attachment)));
    }
}

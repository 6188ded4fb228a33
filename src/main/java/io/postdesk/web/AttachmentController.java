package io.postdesk.web;

import io.postdesk.attachment.Attachments;
import io.postdesk.faces.FileResponses;
import org.springframework.core.io.InputStreamResource;
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
        return FileResponses.serve(attachments, attachments.get(id), inline);
    }
}

package io.postdesk.api;

import io.postdesk.attachment.Attachments;
import io.postdesk.faces.FileResponses;
import org.springframework.core.io.InputStreamResource;
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
        return FileResponses.serve(attachments, attachments.get(id), inline);
    }
}

package io.postdesk.api;

import io.postdesk.attachment.Attachment;

/** An attachment's metadata; {@code url} downloads it with the same bearer token. */
record AttachmentResponse(long id, String filename, String contentType, long size, boolean inline, String url) {

    static AttachmentResponse of(Attachment a) {
        return new AttachmentResponse(
                a.id(), a.filename(), a.contentType(), a.size(), a.inline(), "/api/v1/attachments/" + a.id());
    }
}

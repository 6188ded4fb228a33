package io.postdesk.portal;

import io.postdesk.attachment.NewAttachment;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.web.multipart.MultipartFile;

/** Portal uploads as the attachment module's {@link NewAttachment}s; the empty file input is skipped. */
final class Uploads {

    private Uploads() {}

    static List<NewAttachment> of(@Nullable List<MultipartFile> files) {
        if (files == null) {
            return List.of();
        }
        return files.stream()
                .filter(f -> !f.isEmpty())
                .map(f -> new NewAttachment(
                        Objects.requireNonNullElse(f.getOriginalFilename(), "attachment"),
                        Objects.requireNonNullElse(f.getContentType(), "application/octet-stream"),
                        f.getSize(),
                        f::getInputStream))
                .toList();
    }
}

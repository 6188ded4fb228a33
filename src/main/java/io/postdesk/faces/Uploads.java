package io.postdesk.faces;

import io.postdesk.attachment.NewAttachment;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.web.multipart.MultipartFile;

/** Multipart uploads as the attachment module's {@link NewAttachment}s; an empty file input is skipped. */
public final class Uploads {

    private Uploads() {}

    public static List<NewAttachment> of(@Nullable List<MultipartFile> files) {
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

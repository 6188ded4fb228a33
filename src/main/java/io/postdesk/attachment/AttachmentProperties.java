package io.postdesk.attachment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where attachment bytes live and how large uploads may be.
 *
 * @param store where the bytes live: {@code database} (default: shared by every node, transactional with the message)
 *     or {@code directory}
 * @param directory the content-addressed directory for {@code store=directory}, under the data dir by default
 * @param maxFileSize the largest single file accepted from the composer, portal or API (default 10 MB)
 * @param maxFiles files per reply (default 5)
 */
@Validated
@ConfigurationProperties("postdesk.attachments")
public record AttachmentProperties(
        @DefaultValue("database") Store store,
        @NotNull Path directory,
        @DefaultValue("10MB") DataSize maxFileSize,
        @DefaultValue("5") @Min(1) @Max(20) int maxFiles) {

    /** The stores {@code postdesk.attachments.store} may name. */
    public enum Store {
        DATABASE,
        DIRECTORY
    }
}

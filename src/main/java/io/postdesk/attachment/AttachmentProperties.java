package io.postdesk.attachment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where attachment bytes live and how large uploads may be.
 *
 * @param store where new bytes go: {@code database} (default: shared by every node, transactional with the message),
 *     {@code directory} or {@code s3}; bytes already in another configured store are still read from there
 * @param directory the content-addressed directory for {@code store=directory}, under the data dir by default
 * @param maxFileSize the largest single file accepted from the composer, portal or API (default 10 MB)
 * @param maxFiles files per reply (default 5)
 * @param s3 the S3-compatible bucket for {@code store=s3} (docs/adr/0023)
 */
@Validated
@ConfigurationProperties("postdesk.attachments")
public record AttachmentProperties(
        @DefaultValue("database") Store store,
        @NotNull Path directory,
        @DefaultValue("10MB") DataSize maxFileSize,
        @DefaultValue("5") @Min(1) @Max(20) int maxFiles,
        @DefaultValue @Valid S3 s3) {

    /** The stores {@code postdesk.attachments.store} may name. */
    public enum Store {
        DATABASE,
        DIRECTORY,
        S3
    }

    /**
     * An S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Garage). The access key and secret come from configuration or
     * the environment; without them the SDK's default chain applies (environment, profile, instance role). They are
     * never logged ({@link #toString()} leaves them out) nor returned by any endpoint.
     *
     * @param endpoint the service URL, e.g. {@code http://minio:9000}; unset for AWS itself
     * @param region the signing region (MinIO and Garage accept any; {@code garage} for Garage's default)
     * @param bucket the bucket; S3 is configured when it is set
     * @param pathStyle {@code http://host/bucket/key} URLs (MinIO, Ceph, Garage) rather than virtual-host style
     * @param prefix prepended to every object key, e.g. {@code postdesk/}
     * @param timeout connect and read timeout of one request
     */
    public record S3(
            @Nullable URI endpoint,
            @DefaultValue("us-east-1") String region,
            @Nullable String bucket,
            @DefaultValue("true") boolean pathStyle,
            @Nullable String accessKey,
            @Nullable String secretKey,
            @DefaultValue("") String prefix,
            @DefaultValue("10s") Duration timeout) {

        static final S3 NONE = new S3(null, "us-east-1", null, true, null, null, "", Duration.ofSeconds(10));

        public boolean configured() {
            return bucket != null && !bucket.isBlank();
        }

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", pathStyle=" + pathStyle
                    + ", prefix=" + prefix + ", credentials=" + (accessKey == null ? "default chain" : "configured")
                    + "]";
        }
    }
}

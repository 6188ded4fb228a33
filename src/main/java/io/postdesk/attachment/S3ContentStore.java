package io.postdesk.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Bytes in an S3-compatible bucket, one object per content under {@code <prefix><sha256>}: the same key scheme as the
 * other stores, so identical files are stored once, a retried or concurrent write of the same bytes is harmless, and
 * a move between stores is checked by the key alone (docs/adr/0023).
 *
 * <p>An upload is spooled to a temp file while it is hashed (the key is the hash, known only at the end), then sent
 * with its length; a download streams the object's body. Memory stays at one copy buffer per file whatever its size.
 * The write is not part of the message's transaction: an object whose message rolled back stays as an orphan, which
 * is harmless (nothing names it; the same bytes attached later reuse it) and is left in place (ADR 0023).
 */
class S3ContentStore implements ContentStore {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Path spool;

    S3ContentStore(S3Client s3, String bucket, String prefix, Path spool) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.spool = spool;
    }

    /** A client for the configured service; secrets go to the SDK's credentials provider and nowhere else. */
    static S3Client client(AttachmentProperties.S3 config) {
        AwsCredentialsProvider credentials =
                config.accessKey() != null && !config.accessKey().isBlank() && config.secretKey() != null
                        ? StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(config.accessKey(), config.secretKey()))
                        : DefaultCredentialsProvider.builder().build();
        var builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                // Checksums only where the API requires them: MinIO, Ceph and Garage differ in what they accept of
                // the newer trailing-checksum uploads, and every object is verified by its SHA-256 key anyway.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(config.timeout())
                        .socketTimeout(config.timeout()))
                // One quick retry: a request waiting on a dead store holds a servlet thread or an inbound worker.
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(2))
                        .apiCallTimeout(config.timeout().multipliedBy(3)));
        // An unset environment variable binds as an empty URI: that means AWS itself.
        if (config.endpoint() != null && !config.endpoint().toString().isBlank()) {
            builder.endpointOverride(config.endpoint());
        }
        return builder.build();
    }

    @Override
    public Stored put(InputStream in, long maxBytes) {
        try {
            Files.createDirectories(spool);
            Path temp = Files.createTempFile(spool, "s3-upload-", ".part");
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                long size;
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
                    size = DirectoryContentStore.copyBounded(in, out, maxBytes);
                }
                String sha = HexFormat.of().formatHex(digest.digest());
                if (!exists(sha)) {
                    try {
                        s3.putObject(
                                b -> b.bucket(bucket)
                                        .key(key(sha))
                                        .contentLength(size)
                                        .contentType("application/octet-stream"),
                                RequestBody.fromFile(temp));
                    } catch (SdkException e) {
                        throw unavailable("store", e);
                    }
                }
                return new Stored(sha, size);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not store attachment", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        ContentStore.requireSha256(sha256);
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key(sha256)));
        } catch (NoSuchKeyException e) {
            throw new IOException("no stored content " + sha256, e);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new IOException("no stored content " + sha256, e);
            }
            throw unavailable("read", e);
        } catch (SdkException e) {
            throw unavailable("read", e);
        }
    }

    @Override
    public void delete(String sha256) {
        ContentStore.requireSha256(sha256);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key(sha256)));
        } catch (SdkException e) {
            throw unavailable("delete", e);
        }
    }

    @Override
    public boolean exists(String sha256) {
        ContentStore.requireSha256(sha256);
        try {
            s3.headObject(b -> b.bucket(bucket).key(key(sha256)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw unavailable("look up", e);
        } catch (SdkException e) {
            throw unavailable("look up", e);
        }
    }

    /** Whether the bucket answers, for actuator health; throws when it does not. */
    void checkReachable() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            throw unavailable("reach", e);
        }
    }

    String bucket() {
        return bucket;
    }

    private String key(String sha256) {
        return prefix + sha256;
    }

    private ContentUnavailableException unavailable(String what, SdkException e) {
        // The SDK's messages name the bucket, key and status, never the credentials.
        return new ContentUnavailableException(
                "attachment storage (S3 bucket " + bucket + ") could not " + what + ": " + e.getMessage(), e);
    }
}
